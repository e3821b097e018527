import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEDGER_FILE, readLedgerFile, writeLedgerFile } from '../../src/monitor/ledger-file.js';
import { parseMonitorInputs } from '../../src/monitor/monitor-inputs.js';
import { addRun, emptyLedger } from '../../src/monitor/slo-ledger.js';
import { readInputs } from '../../src/settings/read-inputs.js';
import { SettingsError } from '../../src/settings/problems.js';

const inputs = (set: Record<string, string>) =>
  readInputs(
    Object.fromEntries(Object.entries(set).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  );

const problems = (set: Record<string, string>, env: Record<string, string> = {}) => {
  try {
    parseMonitorInputs(inputs(set), env);
    return [];
  } catch (error) {
    return (error as SettingsError).lines;
  }
};

describe('parseMonitorInputs', () => {
  it('defaults: a 30-day SLO window, no ledger folder, no incident issues', () => {
    expect(parseMonitorInputs(inputs({}), {})).toEqual({
      windowMs: 30 * 24 * 3_600_000,
      windowLabel: '30d',
      incidentIssues: false,
      owner: 'local (url inputs)',
    });
  });

  it('reads the window, the ledger folder, the token, the repository and who owns the ledger entries', () => {
    expect(
      parseMonitorInputs(
        inputs({
          period: '7d',
          records: ' slo ',
          'incident-issues': 'true',
          'github-token': 'ghs_x',
          config: ' monitors/shop.yml ',
        }),
        {
          GITHUB_REPOSITORY: 'octo/shop',
          GITHUB_WORKFLOW_REF: 'octo/shop/.github/workflows/monitor.yml@refs/heads/main',
        },
      ),
    ).toEqual({
      windowMs: 7 * 24 * 3_600_000,
      windowLabel: '7d',
      records: 'slo',
      incidentIssues: true,
      githubToken: 'ghs_x',
      repository: 'octo/shop',
      // The monitor its ledger entries name: the workflow file, whatever the branch, and config.
      owner: 'octo/shop/.github/workflows/monitor.yml (config monitors/shop.yml)',
    });
  });

  it('names every bad input, its value and what is accepted, all at once', () => {
    expect(problems({ period: '2w', 'incident-issues': 'yes', 'observe-for': '0s' })).toEqual([
      'Input "period": "2w" is not a period; accepted: hours or days from 1h to 366d, e.g. 24h, 7d, 30d',
      'Input "incident-issues": "yes" is not a boolean; accepted: true or false',
      'Input "observe-for": "0s" samples nothing; a monitor run probes for observe-for: accepted: a duration above 0, e.g. 1m',
    ]);
  });

  it('incident issues need a token and the repository', () => {
    expect(problems({ 'incident-issues': 'true' })).toEqual([
      'Input "incident-issues" is true but "github-token" is empty: opening issues needs a token with `issues: write`',
      'Input "incident-issues" is true but GITHUB_REPOSITORY is not set as owner/repo: run it in a workflow (the runner sets it)',
    ]);
  });
});

describe('the ledger file', () => {
  it('round-trips, replaces atomically and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-ledger-'));
    try {
      expect(readLedgerFile(dir).problem).toMatch(/^no ledger yet at .*: this run starts one$/);
      const run = {
        service: 'api',
        startedAt: 1_000,
        endedAt: 61_000,
        total: 12,
        failed: 1,
        slow: {},
      };
      const ledger = addRun(emptyLedger(), run, 61_000);
      writeLedgerFile(dir, ledger);
      writeLedgerFile(dir, ledger);
      expect(readdirSync(dir)).toEqual([LEDGER_FILE]);
      expect(readLedgerFile(dir)).toEqual({ ledger });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a corrupt ledger starts a new one and says why, never throws', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dg-ledger-'));
    try {
      writeFileSync(join(dir, LEDGER_FILE), '{"version": 1, "services": {"api": 7}}');
      const read = readLedgerFile(dir);
      expect(read.ledger).toEqual(emptyLedger());
      expect(read.problem).toContain(join(dir, LEDGER_FILE));
      expect(readFileSync(join(dir, LEDGER_FILE), 'utf8')).toContain('"api": 7');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
