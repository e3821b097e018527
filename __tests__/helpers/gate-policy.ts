/** The policy the gate engine's tests start from: a 30 s grace, 15 s interval, 3 ok in a row. */
import type { Policy } from '../../src/gate/types.js';

export const GATE_POLICY: Policy = {
  initialDelayMs: 30_000,
  intervalMs: 15_000,
  timeoutMs: 2000,
  startupTimeoutMs: 90_000,
  successThreshold: 3,
  failureThreshold: 8,
  maxLatencyMs: 5000,
  latencySlo: [],
  maxErrorRate: 0.05,
  minSamples: 20,
  alpha: 0.05,
  observeForMs: 0,
};
