// Types for fake-state.mjs, so TypeScript tests can build and read the fake flyctl's state.

export type FakeRelease = {
  ID: string;
  Version: number;
  Stable: boolean;
  InProgress: boolean;
  Reason: string;
  Description: string;
  Status: string;
  DeploymentStrategy: string;
  Metadata: null;
  User: { ID: string; Name: string; Email: string };
  EvaluationID: string;
  CreatedAt: string;
  ImageRef: string;
};

export interface FakeImageRef {
  registry: string;
  repository: string;
  tag: string;
  digest: string;
  labels: Record<string, string>;
}

export type FakeMachine = {
  id: string;
  name: string;
  state: string;
  region: string;
  image_ref: FakeImageRef;
  instance_id: string;
  private_ip: string;
  created_at: string;
  updated_at: string;
  config: {
    image: string;
    env: Record<string, string>;
    guest: { cpu_kind: string; cpus: number; memory_mb: number };
    services: unknown[];
    checks: Record<string, unknown>;
    metadata: Record<string, string>;
  };
  events: { type: string; status: string; source: string; timestamp: number }[];
  checks: { name: string; status: string; output: string; updated_at: string }[];
  host_status: string;
};

export type DeployBehaviour = 'ok' | 'fail' | 'hang';
export type DeployEffect = 'ok' | 'release-failed' | 'no-cutover' | 'machines-kept';

export interface FakeApp {
  name: string;
  id: string;
  hostname: string;
  org: { ID: string; Slug: string; Name: string; PaidPlan: boolean };
  releases: FakeRelease[];
  machines: FakeMachine[];
  deploy?: DeployBehaviour;
  deployDelayMs?: number;
  deployError?: string;
  deployEffect?: DeployEffect;
  deployLeavesChildMs?: number;
}

export interface NewRelease {
  imageRef?: string;
  status?: string;
  strategy?: string;
  user?: string;
  atMs?: number;
  /** With status "running": how many machines already moved to it. */
  machines?: number;
}

export interface FakeHook {
  command: 'releases' | 'status' | 'machines list' | 'deploy';
  call: number;
  app?: string;
  addRelease?: NewRelease;
  setDeploy?: DeployBehaviour;
  settle?: 'complete' | 'failed';
  fired?: boolean;
}

export interface FakeState {
  tokens: string[];
  apps: Record<string, FakeApp>;
  hooks: FakeHook[];
  calls: Record<string, number>;
}

export function ulid(timeMs: number, seed: unknown): string;
export function deploymentImageRef(app: string, timeMs: number, seed?: unknown): string;
export function splitImageRef(ref: string): FakeImageRef;
export function makeRelease(options: {
  app: string;
  version: number;
  imageRef?: string;
  status?: string;
  createdAt?: string;
  strategy?: string;
  user?: string;
  description?: string;
  reason?: string;
}): FakeRelease;
export function makeMachine(options: {
  app: string;
  index: number;
  release: FakeRelease;
  region?: string;
}): FakeMachine;
export function updateMachine(
  machine: FakeMachine,
  release: FakeRelease,
  options: { healthy: boolean; atMs: number },
): void;
export function makeApp(options: {
  name: string;
  releases?: number;
  machines?: number;
  statuses?: Record<number, string>;
  images?: Record<number, string>;
  orgSlug?: string;
  baseTime?: string;
}): FakeApp;
export function makeState(options?: {
  tokens?: string[];
  apps?: FakeApp[];
  hooks?: FakeHook[];
}): FakeState;
export function sortedReleases(app: FakeApp): FakeRelease[];
export function currentRelease(app: FakeApp): FakeRelease | undefined;
export function addRelease(app: FakeApp, options?: NewRelease): FakeRelease;
export function settleRelease(
  app: FakeApp,
  release: FakeRelease,
  status: string,
  options?: { strategy?: string; atMs?: number },
): void;
export function readState(path: string): FakeState;
export function writeState(path: string, state: FakeState): void;
export function updateState<T>(path: string, change: (state: FakeState) => T): T;
