/**
 * The GitHub source as the runner sets it up: the repository (GITHUB_REPOSITORY), the REST API
 * (GITHUB_API_URL) and the web base for links (GITHUB_SERVER_URL), the real clock, the toolkit's
 * downloader. Also the sentence that tells the reader where the records came from.
 */
import { tmpdir } from 'node:os';
import { getOctokit } from '@actions/github';
import { realClock } from '../../gate/clock.js';
import type { Redactor } from '../../secrets/redact.js';
import { code, prose } from '../../summary/escape.js';
import { toolkitDownloader } from './download-artifact.js';
import type { GitHubSource, SourceCounts } from './github-records.js';
import { LEDGER_ARTIFACT_NAME } from './list-artifacts.js';

export type SourceSetup = { ok: true; source: GitHubSource } | { ok: false; problem: string };

export interface SourceInputs {
  token: string;
  prefix: string;
  from: number;
  redactor: Redactor;
  log: (line: string) => void;
}

export function sourceFromEnv(env: NodeJS.ProcessEnv, inputs: SourceInputs): SourceSetup {
  const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
  const [owner = '', repo = '', ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0)
    return {
      ok: false,
      problem: `GITHUB_REPOSITORY ${JSON.stringify(repository)} is not owner/repo: without "records", the report reads the artifacts of the repository the runner names there`,
    };
  const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  const serverUrl = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '');
  return {
    ok: true,
    source: {
      octokit: getOctokit(inputs.token, { baseUrl: apiUrl }),
      download: toolkitDownloader({ token: inputs.token, owner, repo }),
      owner,
      repo,
      serverUrl,
      prefix: inputs.prefix,
      from: inputs.from,
      tempDir: env.RUNNER_TEMP?.trim() || tmpdir(),
      clock: realClock,
      log: inputs.log,
      redactor: inputs.redactor,
    },
  };
}

/** One paragraph for report.md: which artifacts were read, from where (outside text escaped). */
export function sourceNote(repository: string, prefix: string, counts: SourceCounts): string {
  const parts = [
    `${counts.listed} artifact${counts.listed === 1 ? '' : 's'} ${code(`${prefix}*`)} of ${code(repository)} in the period`,
    `${counts.downloaded} downloaded`,
    `${counts.fromLedger} known from the ledger`,
  ];
  if (counts.failed) parts.push(`${counts.failed} could not be downloaded (tried again next run)`);
  if (counts.notRead) parts.push(`${counts.notRead} left for the next run by the per-run cap`);
  if (counts.expired) parts.push(`${counts.expired} expired (not downloaded)`);
  if (counts.rateLimitWaitMs)
    parts.push(`${Math.ceil(counts.rateLimitWaitMs / 1000)} s waited for rate limits`);
  const ledger =
    counts.ledgerId === null
      ? ` No earlier ${code(LEDGER_ARTIFACT_NAME)} in the period: every artifact was downloaded.`
      : counts.ledgerIgnored
        ? ` The ledger (artifact ${counts.ledgerId}) was ignored: ${prose(counts.ledgerIgnored)}.`
        : '';
  return `\n**Records:** ${parts.join(', ')}.${ledger}\n`;
}
