/**
 * What a monitor run watches, from the run's plan (the same inputs and config file as a gate):
 * each service with its probes and SLOs, and who this monitor is in the ledger (its owner and
 * every service of its config file, whichever one the `service` input selects).
 */
import type { RunPlan } from '../service/plan-run.js';
import { probeUrl } from '../probe/http-probe.js';
import { serviceDisplayName, type ServiceSettings } from '../settings/service-settings.js';
import { serviceObjectives, type MonitorOwnership, type MonitorService } from './run-monitor.js';
import { ledgerPart } from './slo-ledger.js';

/** A config service's name, else the app or host; the ledger keys services by a plain name. */
export function serviceName(service: ServiceSettings): string {
  return ledgerPart(serviceDisplayName(service), 'service');
}

export function monitorServices(plan: RunPlan): MonitorService[] {
  return plan.services.map((service) => {
    const { objectives, latency, scopes } = serviceObjectives(service.groups);
    return {
      name: serviceName(service),
      objectives,
      latency,
      ...(scopes.length ? { scopes } : {}),
      ...(service.runbookUrl ? { runbookUrl: service.runbookUrl } : {}),
      targets: service.groups.flatMap((run) =>
        run.urls.map((url) => ({
          service: serviceName(service),
          url,
          method: run.request.method,
          intervalMs: run.policy.intervalMs,
          timeoutMs: run.policy.timeoutMs,
          probe: (
            target: string,
            { timeoutMs, signal }: { timeoutMs: number; signal: AbortSignal },
          ) =>
            probeUrl(target, {
              request: run.request,
              expect: run.expect,
              maxLatencyMs: run.policy.maxLatencyMs,
              timeoutMs,
              signal,
            }),
        })),
      ),
    };
  });
}

/**
 * This monitor in the ledger. With a config file, its services are the file's whole list (the
 * plan's `matrix.services`), not the `service` selection: another leg's service is not removed.
 * Without a config file the list is unknown, and the run retires no whole service: every step
 * with `url` inputs in one workflow is the same owner, so another step's service is not this
 * one's removed service.
 */
export function monitorOwnership(plan: RunPlan, owner: string): MonitorOwnership {
  const names = plan.options.config ? plan.matrix?.services : undefined;
  return names
    ? { owner, fileServices: names.map((name) => ledgerPart(name, 'service')) }
    : { owner };
}
