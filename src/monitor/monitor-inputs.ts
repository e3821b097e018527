/**
 * The inputs only `mode: monitor` reads, checked before the first request; the services, their
 * probes and SLO targets come from the same inputs and config file as a gate (plan-run.ts).
 */
import { SettingsError } from '../settings/problems.js';
import { parsePeriod } from '../settings/run-options.js';
import { shownInput, type RawInputs } from '../settings/read-inputs.js';
import { monitorOwner } from './ledger-owner.js';

export interface MonitorInputs {
  /** The SLO window, ms, and how the input wrote it (`30d`). */
  windowMs: number;
  windowLabel: string;
  /** A folder that keeps the SLO ledger between runs; else the ledger travels as an artifact. */
  records?: string;
  incidentIssues: boolean;
  githubToken?: string;
  /** owner/repo, for incident issues and for finding the last ledger artifact. */
  repository?: string;
  /** This monitor as its ledger entries record it: workflow file and config (ledger-owner.ts). */
  owner: string;
}

export function parseMonitorInputs(
  raw: RawInputs,
  env: Record<string, string | undefined>,
): MonitorInputs {
  const problems: string[] = [];
  const period = parsePeriod(raw);
  if (typeof period === 'string') problems.push(period);
  const flag = (raw['incident-issues'] ?? '').trim().toLowerCase() || 'false';
  if (flag !== 'true' && flag !== 'false')
    problems.push(
      `Input "incident-issues": ${shownInput('incident-issues', raw)} is not a boolean; accepted: true or false`,
    );
  const token = (raw['github-token'] ?? '').trim();
  const repository = (env.GITHUB_REPOSITORY ?? '').trim();
  if (flag === 'true' && !token)
    problems.push(
      'Input "incident-issues" is true but "github-token" is empty: opening issues needs a token with `issues: write`',
    );
  if (flag === 'true' && !/^[\w.-]+\/[\w.-]+$/.test(repository))
    problems.push(
      'Input "incident-issues" is true but GITHUB_REPOSITORY is not set as owner/repo: run it in a workflow (the runner sets it)',
    );
  const observe = (raw['observe-for'] ?? '').trim();
  if (observe === '0' || /^0+(?:ms|s|m|h)?$/.test(observe))
    problems.push(
      `Input "observe-for": ${shownInput('observe-for', raw)} samples nothing; a monitor run probes for observe-for: accepted: a duration above 0, e.g. 1m`,
    );
  if (problems.length) throw new SettingsError(problems);
  const { ms, label } = period as { ms: number; label: string };
  const records = (raw.records ?? '').trim();
  return {
    windowMs: ms,
    windowLabel: label,
    ...(records ? { records } : {}),
    incidentIssues: flag === 'true',
    ...(token ? { githubToken: token } : {}),
    ...(repository ? { repository } : {}),
    owner: monitorOwner(env, (raw.config ?? '').trim() || undefined),
  };
}
