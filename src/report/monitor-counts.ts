/**
 * What monitor runs measured between deploys, over a window: their probes and failures, per
 * service or for all. A run belongs to the window its started_at falls in (from, to].
 */
import type { MonitorFact } from './read-monitor.js';
import type { BetweenDeploys } from './report-schema.js';

export function betweenDeploys(
  monitors: readonly MonitorFact[],
  from: number,
  to: number,
  service?: string,
): BetweenDeploys {
  let runs = 0;
  let probes = 0;
  let failed = 0;
  for (const run of monitors) {
    if (run.startedAt <= from || run.startedAt > to) continue;
    const counted = run.services.filter((s) => service === undefined || s.service === service);
    if (counted.length === 0) continue;
    runs += 1;
    for (const s of counted) {
      probes += s.probes;
      failed += s.failed;
    }
  }
  return {
    monitor_runs: runs,
    probes,
    failed,
    availability_percent: probes ? Math.round(((probes - failed) / probes) * 100_000) / 1000 : null,
  };
}

/** Every service a monitor run measured. */
export const monitoredServices = (monitors: readonly MonitorFact[]) =>
  new Set(monitors.flatMap((run) => run.services.map((s) => s.service)));
