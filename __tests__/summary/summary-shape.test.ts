/**
 * The job summary's shape, without a browser: the verdict sentence first, no table wider than
 * 6 columns, failing items before passing ones, and the size bounds (40 URLs with 2 failing
 * under 12 KB naming both at the top; 1,000 URLs and 1,000 services under 64 KB).
 */
import type { RuleResult } from '../../src/gate/policy.js';
import type { GateResult, UrlResult } from '../../src/gate/run-gate.js';
import type { Attempt } from '../../src/gate/types.js';
import type { Outcome } from '../../src/service/run-pipeline.js';
import { artifactUrl, evidenceFooter } from '../../src/summary/evidence-footer.js';
import { fleetSummary } from '../../src/summary/fleet.js';
import { formatDurationHuman, formatMs } from '../../src/summary/format.js';
import { inputErrorSummary } from '../../src/summary/input-error-summary.js';
import { outcomeSummary } from '../../src/summary/outcome-summary.js';
import { boundSummary } from '../../src/summary/summary-bounds.js';
import { prose } from '../../src/summary/escape.js';
import type { Policy } from '../../src/gate/types.js';
import type { ServiceSettings } from '../../src/settings/service-settings.js';

const T0 = Date.UTC(2025, 0, 1);
const policy: Policy = {
  initialDelayMs: 0,
  intervalMs: 1000,
  timeoutMs: 2000,
  startupTimeoutMs: 10_000,
  successThreshold: 3,
  failureThreshold: 3,
  maxLatencyMs: 2000,
  latencySlo: [{ percentile: 95, limitMs: 500, text: 'p95<500ms' }],
  maxErrorRate: 0.05,
  minSamples: 20,
  alpha: 0.05,
  observeForMs: 330_000,
};
const settingsFor = (urls: string[]): ServiceSettings =>
  ({
    groups: [{ endpoints: [], urls, policy, expect: { status: [], statusText: '', json: [] } }],
    notes: [],
    notJudged: [],
  }) as unknown as ServiceSettings;

const rule = (name: RuleResult['rule'], outcome: RuleResult['outcome'], message: string) =>
  ({ rule: name, observed: 0, limit: 3, outcome, message }) as RuleResult;

function attempts(url: string, n: number, ok: boolean, seq0: number): Attempt[] {
  return Array.from({ length: n }, (_, i) => ({
    seq: seq0 + i,
    url,
    method: 'GET',
    phase: i < 3 ? 'startup' : 'observe',
    run: 'release',
    scheduledAt: T0 + i * 1000,
    startedAt: T0 + i * 1000,
    ok,
    latencyMs: ok ? 40 : 2000,
    ...(ok ? { status: 200 } : { failure: { class: 'timeout-headers', message: 'timed out' } }),
  }));
}

/** A gate of `n` URLs: svc/7 unhealthy (startup), svc/23 stopped after 3 timeouts, the rest ok. */
function gate(n: number): { result: GateResult; urls: string[] } {
  const urls = Array.from({ length: n }, (_, i) => `https://shop.example.com/svc/${i + 1}`);
  const all: Attempt[] = [];
  const results: UrlResult[] = urls.map((url, i) => {
    const bad = i === Math.min(6, n - 1);
    const timingOut = i === 22;
    const mine = attempts(url, timingOut ? 3 : 8, !(bad || timingOut), all.length + 1);
    all.push(...mine);
    const rules = bad
      ? [rule('startup', 'fail', 'no 3 consecutive successes within 10s')]
      : timingOut
        ? [rule('startup', 'pending', 'starting')]
        : [
            rule('startup', 'pass', '3 consecutive successes'),
            rule('consecutive-failures', 'pass', '0 consecutive failures'),
            rule('error-rate', 'pass', 'error rate 0%'),
            rule('latency-p95', 'pass', 'p95 40 ms'),
            rule('expected-version', 'pass', 'v2 served'),
          ];
    return {
      url,
      stopped: !bad,
      assessment: {
        status: bad ? 'unhealthy' : timingOut ? 'starting' : 'observing',
        ...(bad ? { decidedBy: rules[0] as RuleResult } : {}),
        rules,
        window: [],
        summary: {
          attempts: mine.length,
          successes: mine.filter((a) => a.ok).length,
          failures: mine.filter((a) => !a.ok).length,
          errorRate: bad || timingOut ? 1 : 0,
          p95: 40,
        },
      },
    };
  });
  const failing = results[Math.min(6, n - 1)] as UrlResult;
  return {
    urls,
    result: {
      verdict: 'unhealthy',
      reason: 'no 3 consecutive successes within 10s',
      decidedBy: { url: failing.url, rule: failing.assessment.rules[0] as RuleResult },
      urls: results,
      attempts: all,
      startedAt: T0,
      endedAt: T0 + 9000,
      totals: {
        attempts: all.length,
        windowSamples: all.length,
        windowFailures: 11,
        errorRate: 0.05,
        p95: 44,
      },
    },
  };
}

function page(n: number): string {
  const { result, urls } = gate(n);
  const outcome: Outcome = {
    verdict: 'unhealthy',
    reason: `${urls[Math.min(6, n - 1)]}: no 3 consecutive successes within 10s`,
    startedAt: T0,
    endedAt: T0 + 9000,
    release: result,
  };
  const footer = evidenceFooter({
    auditDir: '/home/runner/work/_temp/deploy-gate',
    sha256sumsDigest: 'a'.repeat(64),
    manifestDigest: 'b'.repeat(64),
    artifact: {
      uploaded: true,
      name: 'deploy-gate-audit',
      id: 99,
      digest: 'sha256:' + 'c'.repeat(64),
    },
    env: { GITHUB_REPOSITORY: 'octo/shop', GITHUB_RUN_ID: '7' },
  });
  return boundSummary(outcomeSummary(outcome, settingsFor(urls)), footer);
}

/** Every table's column count, from its delimiter row. */
function tableWidths(markdown: string): number[] {
  return markdown
    .split('\n')
    .filter((line) => /^\|(\s*:?-+:?\s*\|)+$/.test(line))
    .map((line) => line.split('|').length - 2);
}

const bytes = (text: string) => Buffer.byteLength(text);

/** A healthy gate of 3 URLs. */
function healthyGate() {
  const one = gate(3);
  const outcome: Outcome = {
    verdict: 'healthy',
    reason: 'every rule passed',
    startedAt: T0,
    endedAt: T0 + 9000,
    release: { ...one.result, verdict: 'healthy' },
  };
  return { one, outcome };
}

describe('the job summary page', () => {
  it('opens with the verdict as a sentence, then what to do', () => {
    const text = page(40);
    const [first, , second] = text.split('\n');
    expect(first).toMatch(/^## ❌ shop\.example\.com failed its gate — not rolled back/);
    expect(second).toMatch(/^\*\*Do now:\*\* /);
  });

  it('keeps 40 URLs with 2 failing under 12 KB, both failing URLs named at the top', () => {
    const text = page(40);
    expect(bytes(text)).toBeLessThan(12 * 1024);
    const top = text.slice(0, text.indexOf('### What failed'));
    expect(top).toContain('shop.example.com/svc/7 (failed: startup)');
    expect(top).toContain('shop.example.com/svc/23 (failing, not judged: 3 of 3 timed out)');
  });

  it('lists failing items before passing ones, and folds the passes', () => {
    const text = page(40);
    const rows = text.split('\n').filter((l) => l.startsWith('| shop.example.com/svc/'));
    const firstHealthy = rows.findIndex((l) => !/svc\/(7|23) /.test(l));
    const lastFailing = rows.map((l) => /svc\/(7|23) /.test(l)).lastIndexOf(true);
    expect(lastFailing).toBeLessThan(firstHealthy);
    expect(text).toMatch(/all other 190 rules passed/);
    expect(text.indexOf('❌ fail (decided)')).toBeLessThan(text.indexOf('all other'));
  });

  it('draws no table wider than 6 columns', () => {
    const widths = [page(3), page(40)].flatMap(tableWidths);
    expect(widths.length).toBeGreaterThan(3);
    expect(Math.max(...widths)).toBeLessThanOrEqual(6);
  });

  it('stays under 64 KB at 1,000 URLs, saying what was folded into the artifact', () => {
    const text = page(1000);
    expect(bytes(text)).toBeLessThan(64 * 1024);
    expect(text).toContain('Folded into the artifact');
    expect(text).toContain('/actions/runs/7/artifacts/99');
  });

  it('stays under 64 KB for 1,000 services, failing first', () => {
    const one = gate(3);
    const entries = Array.from({ length: 1000 }, (_, i) => {
      const bad = i === 500;
      const outcome: Outcome = {
        verdict: bad ? 'unhealthy' : 'healthy',
        reason: bad ? 'no 3 consecutive successes' : 'every rule passed',
        startedAt: T0,
        endedAt: T0 + 9000,
        release: { ...one.result, verdict: bad ? 'unhealthy' : 'healthy' },
      };
      const settings = settingsFor(one.urls);
      return {
        name: `svc-${i}`,
        outcome,
        settings,
        summary: outcomeSummary(outcome, settings, `svc-${i}`),
      };
    });
    const text = boundSummary(fleetSummary(entries));
    expect(bytes(text)).toBeLessThan(64 * 1024);
    expect(text.split('\n')[0]).toMatch(
      /^## ❌ svc-500 failed its gate .*\(1 of 1000 services failed\)$/,
    );
    const rows = text.split('\n').filter((l) => l.startsWith('| svc-'));
    expect(rows[0]).toMatch(/^\| svc-500 \| ❌ unhealthy \|/);
    expect(text).toContain('### ❌ svc-500 failed its gate');
    expect(text).toContain('Folded into the artifact');
    expect(Math.max(...tableWidths(text))).toBeLessThanOrEqual(6);
  });

  it('lists the config fields the gate did not judge, escaped, and how the file was read', () => {
    const { one, outcome } = healthyGate();
    const settings = {
      ...settingsFor(one.urls),
      notJudged: [
        { field: 'schedule', value: '0 */1 * * *' },
        { field: 'slo_targets.job_success_rate', value: '95% <b>|</b>' },
      ],
      notes: ['search: failure-threshold 5 (the observe probes the bake holds at interval 1m)'],
    };
    const text = outcomeSummary(outcome, settings, 'search-api');
    expect(text).toContain(
      '- **Not judged by the gate:** schedule <code>0 &#42;/1 &#42; &#42; &#42;</code>, slo_targets.job_success_rate <code>95% &lt;b&gt;&#124;&lt;/b&gt;</code> (recorded in audit.json)',
    );
    expect(text).toContain(
      '- search: failure-threshold 5 (the observe probes the bake holds at interval 1m)',
    );
    // Nothing to list: no line at all.
    expect(outcomeSummary(outcome, settingsFor(one.urls), 'search-api')).not.toContain(
      'Not judged',
    );
  });

  it('heads a one-service file with that service’s own sentence', () => {
    const { one, outcome } = healthyGate();
    const settings = settingsFor(one.urls);
    const text = fleetSummary([
      { name: 'api', outcome, settings, summary: outcomeSummary(outcome, settings, 'api') },
    ]);
    expect(text.split('\n')[0]).toMatch(/^## ✅ api healthy after 9 s/);
    expect(text).not.toContain('All 1 services');
  });

  it('says in the Checked line how many probes the overloaded runner spoiled', () => {
    const { result, urls } = gate(3);
    const release = {
      ...result,
      totals: { ...result.totals, notCounted: 4, runnerMaxDelayMs: 1800 },
    };
    const outcome: Outcome = {
      verdict: 'unhealthy',
      reason: 'no 3 consecutive successes within 10s',
      startedAt: T0,
      endedAt: T0 + 9000,
      release,
    };
    const checked = outcomeSummary(outcome, settingsFor(urls))
      .split('\n')
      .find((line) => line.startsWith('- **Checked:**'));
    expect(checked).toContain(
      '4 probes not counted: the runner was overloaded (event loop up to 1.8 s late)',
    );
    expect(
      page(3)
        .split('\n')
        .find((l) => l.startsWith('- **Checked:**')),
    ).not.toContain('not counted');
  });

  it('writes a page for refused inputs, every problem listed', () => {
    const text = inputErrorSummary(
      '2 inputs are invalid:\n  - Input "interval": "soon" is not a duration\n  - Input "url": "[x](https://evil.example)" is not a URL',
    );
    expect(text.split('\n')[0]).toBe('## ⛔ Inputs invalid — nothing was probed');
    expect(text).toContain('- Input &quot;interval&quot;: &quot;soon&quot; is not a duration');
    expect(text).not.toContain('](https://evil');
    expect(text).toMatch(/fix these 2 problems/);
  });
});

describe('the pieces', () => {
  it.each([
    [44, '44 ms'],
    [5561, '5.6 s'],
    [330_000, '5 m 30 s'],
    [361_234, '6 m 1 s'],
    [3_900_000, '1 h 5 m'],
  ])('formatDurationHuman(%p) = %s', (ms, text) => expect(formatDurationHuman(ms)).toBe(text));

  it('formats latencies in the same style', () => expect(formatMs(5561)).toBe('5.6 s'));

  it('shows our own code spans as code, and outside text escaped inside them', () => {
    expect(prose('add `uses: superfly/flyctl-actions/setup-flyctl@master` first')).toBe(
      'add <code>uses: superfly/flyctl-actions/setup-flyctl@\u200bmaster</code> first',
    );
    expect(prose('`<b>` and [x](https://evil.example)')).not.toMatch(/<b>|\]\(https:\/\//);
    expect(prose('a lone ` stays')).toBe('a lone &#96; stays');
  });

  it('builds the download link only from the runner environment and a numeric id', () => {
    const env = {
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_RUN_ID: '12',
    };
    expect(artifactUrl(env, 34)).toBe('https://github.com/o/r/actions/runs/12/artifacts/34');
    expect(artifactUrl(env, null)).toBeUndefined();
    expect(artifactUrl({ ...env, GITHUB_REPOSITORY: 'o/r)[x](javascript:1' }, 34)).toBeUndefined();
    expect(artifactUrl({ ...env, GITHUB_SERVER_URL: 'javascript:alert(1)//' }, 34)).toBeUndefined();
    expect(artifactUrl({ ...env, GITHUB_RUN_ID: '12 ' + 'x' }, 34)).toBeUndefined();
  });
});
