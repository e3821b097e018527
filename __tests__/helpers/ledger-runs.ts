/** One monitor run's counts for ledger tests: service `shop`, a minute after T0, 1 of 12 failed. */
import type { RunCounts } from '../../src/monitor/slo-ledger.js';

export const T0 = Date.UTC(2026, 2, 1);

export const sampleRun = (over: Partial<RunCounts> = {}): RunCounts => ({
  service: 'shop',
  startedAt: T0 + 30_000,
  endedAt: T0 + 90_000,
  total: 12,
  failed: 1,
  slow: { 'p95<500ms': 2 },
  ...over,
});
