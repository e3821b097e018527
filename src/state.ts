/**
 * What the main step hands to the post step (core.saveState / core.getState), in one place,
 * as actions/checkout's state-helper does. Saved as soon as it is known, so a main step killed
 * halfway still leaves the post step enough to finish the evidence.
 */
import * as core from '@actions/core';
import { safeWrite } from './summary/runner-files.js';

/** A full or read-only GITHUB_STATE costs the post step its data, never the gate (runner-files.ts). */
const save = (name: string, value: string) =>
  safeWrite('GITHUB_STATE', () => core.saveState(name, value));

const KEYS = {
  auditDir: 'audit-dir',
  artifactName: 'artifact-name',
  retentionDays: 'retention-days',
  serviceDirs: 'service-dirs',
  deployments: 'deployments',
  finished: 'finished',
} as const;

export interface MainState {
  auditDir?: string;
  artifactName?: string;
  retentionDays?: number;
  /** Folders inside auditDir holding one service's record each ('' for a single gate). */
  serviceDirs: string[];
  /** GitHub deployment ids by service folder, so a killed step's deployments are not left in_progress. */
  deployments: Record<string, number>;
  /** The main step wrote, sealed and uploaded its evidence. */
  finished: boolean;
}

export function saveStarted(state: {
  auditDir: string;
  artifactName: string;
  serviceDirs: string[];
  retentionDays?: number;
}): void {
  save(KEYS.auditDir, state.auditDir);
  save(KEYS.serviceDirs, JSON.stringify(state.serviceDirs));
  save(KEYS.artifactName, state.artifactName);
  if (state.retentionDays !== undefined) save(KEYS.retentionDays, String(state.retentionDays));
}

const deployments: Record<string, number> = {};

/** Records a created deployment; the whole map is saved each time (the last saved value wins). */
export function saveDeployment(serviceDir: string, id: number): void {
  deployments[serviceDir] = id;
  save(KEYS.deployments, JSON.stringify(deployments));
}

export function saveFinished(): void {
  save(KEYS.finished, 'true');
}

export function readState(): MainState {
  const days = core.getState(KEYS.retentionDays);
  return {
    ...(core.getState(KEYS.auditDir) ? { auditDir: core.getState(KEYS.auditDir) } : {}),
    ...(core.getState(KEYS.artifactName) ? { artifactName: core.getState(KEYS.artifactName) } : {}),
    ...(days ? { retentionDays: Number(days) } : {}),
    serviceDirs: parseDirs(core.getState(KEYS.serviceDirs)),
    deployments: parseDeployments(core.getState(KEYS.deployments)),
    finished: core.getState(KEYS.finished) === 'true',
  };
}

function parseDirs(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : [''];
  } catch {
    return [''];
  }
}

function parseDeployments(text: string): Record<string, number> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, number] => Number.isSafeInteger(e[1])),
    );
  } catch {
    return {};
  }
}
