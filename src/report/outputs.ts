/** The step's outputs, as strings, derived from the outcome. */
import type { GateResult } from '../gate/run-gate.js';

export type StepVerdict =
  'healthy' | 'unhealthy' | 'rolled-back' | 'rollback-failed' | 'cancelled' | 'error';

export function gateOutputs(
  verdict: StepVerdict,
  reason: string,
  gate: GateResult | undefined,
  durationMs: number,
): Record<string, string> {
  const round = (v: number | undefined) => (v === undefined ? '' : String(Math.round(v)));
  const t = gate?.totals;
  return {
    verdict,
    reason,
    attempts: String(t?.attempts ?? 0),
    'error-rate':
      t?.errorRate === null || t?.errorRate === undefined
        ? ''
        : String(Number((t.errorRate * 100).toFixed(2))),
    'latency-p50-ms': round(t?.p50),
    'latency-p95-ms': round(t?.p95),
    'latency-p99-ms': round(t?.p99),
    'duration-ms': String(Math.round(durationMs)),
  };
}
