/** A prober for simulated time: each probe takes its latency on the virtual clock, then answers as scripted. */
import type { Prober } from '../../src/gate/gate-plan.js';
import type { FailureClass, ProbeResult } from '../../src/gate/types.js';
import type { VirtualClock } from './virtual-clock.js';

export type Script = (
  url: string,
  call: number,
  now: number,
) => Partial<ProbeResult> & { fail?: FailureClass };

export const ok = (latencyMs = 20, extra: Partial<ProbeResult> = {}): ReturnType<Script> => ({
  latencyMs,
  status: 200,
  ...extra,
});
export const failing = (
  fail: FailureClass,
  latencyMs = 1,
  extra: Partial<ProbeResult> = {},
): ReturnType<Script> => ({ fail, latencyMs, ...extra });

const MESSAGES: Partial<Record<FailureClass, string>> = {
  refused: 'connection refused',
  status: 'status 503 not in 200-299',
};

export function scriptedProber(clock: VirtualClock, script: Script) {
  const calls: { url: string; at: number; timeoutMs: number }[] = [];
  const counts = new Map<string, number>();
  const probe: Prober = async (url, { timeoutMs, signal }) => {
    const call = (counts.get(url) ?? 0) + 1;
    counts.set(url, call);
    calls.push({ url, at: clock.now(), timeoutMs });
    const { fail, ...shape } = script(url, call, clock.now());
    const latencyMs = Math.min(shape.latencyMs ?? 10, timeoutMs);
    await clock.sleep(latencyMs, signal);
    const result: ProbeResult = { ok: !fail, latencyMs, ...shape };
    if (fail) result.failure = { class: fail, message: MESSAGES[fail] ?? `${fail} failure` };
    if (shape.latencyMs !== undefined && shape.latencyMs > timeoutMs) {
      result.ok = false;
      result.failure = {
        class: 'timeout-headers',
        message: `response headers not complete within ${timeoutMs} ms`,
      };
      delete result.status;
    }
    return result;
  };
  return { probe, calls };
}
