import { Redactor } from '../../src/secrets/redact.js';
import { shouldNotify, NOTIFY_ON } from '../../src/notify/notify-on.js';
import { severityOf } from '../../src/notify/severity.js';
import { buildSlackMessage, escapeMrkdwn } from '../../src/notify/slack-message.js';
import type { Verdict } from '../../src/service/run-pipeline.js';

const VERDICTS: Verdict[] = [
  'healthy',
  'unhealthy',
  'rolled-back',
  'rollback-failed',
  'cancelled',
  'error',
];

describe('buildSlackMessage', () => {
  const facts = {
    service: 'api',
    verdict: 'rolled-back' as const,
    reason: 'error rate 30% (9 of 30 probes failed) exceeds 5%',
    release: 'v42',
    rollback: { target: 'v41', image: 'registry.fly.io/shop-api:deployment-01J', created: 'v44' },
    environment: 'production',
    repository: 'octo/shop',
    sha: 'c0ffee1234567890abcdef',
    links: {
      run: 'https://github.com/octo/shop/actions/runs/777/attempts/1',
      runbook: 'https://wiki.example.com/runbooks/api?section=rollback&lang=en',
      environment: 'https://shop.example.com',
    },
  };

  it('says who, what, why, what was rolled back to, and links the run and the runbook', () => {
    const message = buildSlackMessage(facts);
    expect(message.text).toBe(
      [
        ':x: [ERROR] api: bad deploy rolled back',
        'Verdict: rolled-back. Reason: error rate 30% (9 of 30 probes failed) exceeds 5%',
        'Rollback: rolled back to v41 (registry.fly.io/shop-api:deployment-01J), as new release v44',
        'environment production · release v42 · octo/shop@c0ffee123456',
        '<https://github.com/octo/shop/actions/runs/777/attempts/1|Workflow run> · ' +
          '<https://wiki.example.com/runbooks/api?section=rollback&amp;lang=en|Runbook> · ' +
          '<https://shop.example.com|Environment production>',
      ].join('\n'),
    );
    expect(message.blocks).toEqual([
      {
        type: 'header',
        text: { type: 'plain_text', text: ':x: api: bad deploy rolled back', emoji: true },
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '*Reason:* error rate 30% (9 of 30 probes failed) exceeds 5%',
        },
        fields: [
          { type: 'mrkdwn', text: '*Service*\napi' },
          { type: 'mrkdwn', text: '*Verdict*\n`rolled-back`' },
          { type: 'mrkdwn', text: '*Severity*\nerror' },
          { type: 'mrkdwn', text: '*Release*\nv42' },
          { type: 'mrkdwn', text: '*Environment*\nproduction' },
          {
            type: 'mrkdwn',
            text: '*Rollback*\nrolled back to v41 (registry.fly.io/shop-api:deployment-01J), as new release v44',
          },
        ],
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text:
              '<https://github.com/octo/shop/actions/runs/777/attempts/1|Workflow run> · ' +
              '<https://wiki.example.com/runbooks/api?section=rollback&amp;lang=en|Runbook> · ' +
              '<https://shop.example.com|Environment production>',
          },
        ],
      },
    ]);
  });

  it('marks a failed rollback critical and carries the next step', () => {
    const message = buildSlackMessage({
      service: 'api',
      verdict: 'rollback-failed',
      reason: 'flyctl deploy exited 1',
      nextStep: 'Redeploy v41 by hand: flyctl deploy --image registry.fly.io/shop-api:v41',
      links: {},
    });
    expect(message.text.split('\n')).toEqual([
      ':rotating_light: [CRITICAL] api: rollback failed, act now',
      'Verdict: rollback-failed. Reason: flyctl deploy exited 1',
      'Next step: Redeploy v41 by hand: flyctl deploy --image registry.fly.io/shop-api:v41',
    ]);
    expect(message.blocks.map((b) => b['type'])).toEqual(['header', 'section']);
  });

  it('says "would roll back" in dry-run', () => {
    const message = buildSlackMessage({
      service: 'web',
      verdict: 'unhealthy',
      reason: '8 consecutive failures',
      rollback: { target: 'v9', dryRun: true },
      links: {},
    });
    expect(message.text).toContain('Rollback: would roll back to v9');
  });

  it('escapes Slack control characters and cuts what is too long for a block', () => {
    const message = buildSlackMessage({
      service: 'api',
      verdict: 'unhealthy',
      reason: `body <script>&</script> ${'x'.repeat(3000)}`,
      links: {},
    });
    const section = message.blocks[1] as { text: { text: string } };
    expect(section.text.text.startsWith('*Reason:* body &lt;script&gt;&amp;&lt;/script&gt;')).toBe(
      true,
    );
    expect(section.text.text.length).toBeLessThan(3000);
    expect(section.text.text.endsWith('…')).toBe(true);
  });

  it('redacts secrets from the reason and the links', () => {
    const redactor = new Redactor();
    redactor.addSecret('hunter2-secret-value');
    const message = buildSlackMessage(
      {
        service: 'api',
        verdict: 'unhealthy',
        reason: 'Authorization: Bearer hunter2-secret-value rejected',
        links: { runbook: 'https://wiki.example.com/r?token=abc123def456' },
      },
      redactor,
    );
    const json = JSON.stringify(message);
    expect(json).not.toContain('hunter2-secret-value');
    expect(json).not.toContain('abc123def456');
  });
});

describe('escapeMrkdwn', () => {
  it('escapes the three characters Slack reserves', () => {
    expect(escapeMrkdwn('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
  });
});

describe('severity', () => {
  it('ranks a failed rollback above a failed deploy above a cancellation above health', () => {
    expect(VERDICTS.map((v) => [v, severityOf(v)])).toEqual([
      ['healthy', 'info'],
      ['unhealthy', 'error'],
      ['rolled-back', 'error'],
      ['rollback-failed', 'critical'],
      ['cancelled', 'warning'],
      ['error', 'error'],
    ]);
  });
});

describe('shouldNotify', () => {
  it('follows notify-on for every verdict', () => {
    const table = Object.fromEntries(
      NOTIFY_ON.map((on) => [on, VERDICTS.filter((v) => shouldNotify(on, v))]),
    );
    expect(table).toEqual({
      failure: ['unhealthy', 'rolled-back', 'rollback-failed', 'error'],
      always: VERDICTS,
      never: [],
    });
  });
});
