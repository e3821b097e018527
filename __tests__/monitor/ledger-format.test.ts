/**
 * The ledger file: what it stores, which versions it reads (a version 1 ledger from the release
 * before owners still loads) and that anything unreadable starts a new ledger, said why.
 */
import { describe, expect, it } from '@jest/globals';
import {
  FINE_BUCKET_MS,
  LEDGER_LIMITS,
  LEDGER_VERSION,
  parseLedger,
  serializeLedger,
  serviceLedger,
  type Ledger,
} from '../../src/monitor/ledger-format.js';
import { addRun, emptyLedger } from '../../src/monitor/slo-ledger.js';
import { sampleRun, T0 } from '../helpers/ledger-runs.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const OWNER = 'octo/shop/.github/workflows/monitor.yml (config deploy-gate.yml)';

const run = sampleRun;

describe('parseLedger and serializeLedger', () => {
  const sample = (): Ledger => addRun(emptyLedger(), run(), T0 + 2 * MINUTE);

  it('round-trips a ledger', () => {
    const text = serializeLedger(sample());
    expect(text).not.toContain('\n');
    expect(parseLedger(text)).toEqual({ ledger: sample() });
  });

  it('writes version 2 with each entry’s owner, and reads it back', () => {
    const owned = addRun(emptyLedger(), run(), T0 + 2 * MINUTE, { owner: OWNER });
    const text = serializeLedger(owned);
    expect(JSON.parse(text)).toMatchObject({ version: 2, services: { shop: { owner: OWNER } } });
    expect(parseLedger(text)).toEqual({ ledger: owned });
  });

  it('reads a version 1 ledger, as the last release wrote it: the same entries, no owner', () => {
    // Written by the release before owners: version 1, no `owner` field.
    const v1 = JSON.stringify({
      version: 1,
      services: {
        shop: {
          objectives: ['p95<500ms'],
          fine: [[Math.floor((T0 + 90_000) / FINE_BUCKET_MS), 12, 1, 2]],
          coarse: [],
          runs: {
            lastStart: T0 + 30_000,
            lastEnd: T0 + 90_000,
            spacings: [],
            covered: [[T0 + 30_000, T0 + 90_000]],
          },
          alerts: {
            availability: {
              level: 'page',
              peak: 'page',
              since: T0,
              rule: 'page: 1h and 5m > 14.4',
              quietSince: null,
            },
          },
        },
      },
    });
    const parsed = parseLedger(v1);
    expect(parsed.problem).toBeUndefined();
    expect(parsed.ledger.version).toBe(LEDGER_VERSION);
    const shop = serviceLedger(parsed.ledger, 'shop');
    expect(shop?.owner).toBeUndefined();
    expect(shop?.fine).toEqual([[Math.floor((T0 + 90_000) / FINE_BUCKET_MS), 12, 1, 2]]);
    expect(shop?.alerts['availability']?.since).toBe(T0);
    // Saved again, it is a version 2 ledger.
    expect(JSON.parse(serializeLedger(parsed.ledger)).version).toBe(2);
  });

  it('refuses an owner longer than the bound, naming where', () => {
    const long = JSON.parse(serializeLedger(sample()));
    long.services.shop.owner = 'x'.repeat(LEDGER_LIMITS.owner + 1);
    expect(parseLedger(JSON.stringify(long)).problem).toMatch(
      /^the ledger is invalid at services\.shop\.owner: /,
    );
  });

  it.each([
    ['not JSON', '{"version":', 'is not JSON'],
    [
      'a later version',
      '{"version":3,"services":{}}',
      'has version 3; this action reads versions 1 and 2',
    ],
    ['no version', 'null', 'has version null'],
  ])('starts empty on %s, saying why', (_what, text, problem) => {
    const parsed = parseLedger(text);
    expect(parsed.ledger).toEqual({ version: LEDGER_VERSION, services: {} });
    expect(parsed.problem).toContain(problem);
  });

  it('starts empty on rows that cannot be true, naming where', () => {
    const bad = JSON.parse(serializeLedger(sample()));
    bad.services.shop.fine[0][2] = 99;
    expect(parseLedger(JSON.stringify(bad)).problem).toMatch(
      /^the ledger is invalid at services\.shop: .*more bad events/,
    );
    const unsorted = JSON.parse(serializeLedger(sample()));
    unsorted.services.shop.coarse = [
      [5, 1, 0],
      [4, 1, 0],
    ];
    expect(parseLedger(JSON.stringify(unsorted)).problem).toContain('out of order');
    const hostile = JSON.parse(serializeLedger(sample()));
    hostile.services['__proto__x'] = hostile.services.shop;
    expect(parseLedger(JSON.stringify(hostile)).problem).toContain('services');
    const unknownField = {
      version: LEDGER_VERSION,
      services: { shop: { ...sample().services.shop, extra: [] } },
    };
    expect(parseLedger(JSON.stringify(unknownField)).problem).toContain('services.shop');
  });

  it('never mistakes an inherited name for a service', () => {
    expect(serviceLedger(sample(), 'constructor')).toBeUndefined();
  });

  it('stays under 1 MB for 20 services over 30 days of 5-minute runs', () => {
    let ledger = emptyLedger();
    let seed = 1;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let t = T0; t < T0 + 30 * DAY; t += 5 * MINUTE) {
      for (let s = 0; s < 20; s++) {
        const startedAt = t + Math.floor(random() * MINUTE);
        // 60 probes a run (1 s interval), a few failed and slow: hourly sums of 720 and more.
        const counts = run({
          service: `service-${String(s).padStart(2, '0')}`,
          startedAt,
          endedAt: startedAt + MINUTE,
          total: 60,
          failed: Math.floor(random() * 3),
          slow: { 'p95<500ms': Math.floor(random() * 5), 'p99<1s': Math.floor(random() * 2) },
        });
        ledger = addRun(ledger, counts, startedAt + MINUTE);
      }
    }
    const bytes = Buffer.byteLength(serializeLedger(ledger));
    console.info(`ledger of 20 services x 30 days of 5-minute runs: ${bytes} bytes`);
    expect(bytes).toBeLessThan(1_000_000);
    expect(Object.keys(ledger.services)).toHaveLength(20);
    expect(parseLedger(serializeLedger(ledger)).problem).toBeUndefined();
  });
});
