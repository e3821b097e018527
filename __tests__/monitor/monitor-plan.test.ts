/**
 * Who a monitor run is in the ledger: its owner, and the config file's whole list of services
 * (not the `service` selection), so one leg never retires another's service; without a file, or
 * with its list unreadable, the list is unknown.
 */
import { describe, expect, it } from '@jest/globals';
import { monitorOwnership } from '../../src/monitor/monitor-plan.js';
import type { RunPlan } from '../../src/service/plan-run.js';

const OWNER = 'octo/shop/.github/workflows/monitor.yml (config deploy-gate.yml)';

/** A plan with `names` resolved (as plan-run gives them) and the file's whole list. */
function plan(names: string[], config?: string, all?: string[]): RunPlan {
  return {
    options: { ...(config ? { config } : {}), maxParallel: 4, planOnly: false },
    services: names.map((name) => ({
      name,
      groups: [{ urls: [`https://${name}.example.test/healthz`] }],
    })),
    ...(all !== undefined
      ? { matrix: { services: all, json: JSON.stringify({ service: all }), problems: [] } }
      : {}),
    auditDir: '/tmp/audit',
  } as unknown as RunPlan;
}

describe('monitorOwnership', () => {
  it('names every service of the config file, whichever one the run selects', () => {
    const selected = plan(['api'], 'deploy-gate.yml', ['api', 'web', 'billing']);
    expect(monitorOwnership(selected, OWNER)).toEqual({
      owner: OWNER,
      fileServices: ['api', 'web', 'billing'],
    });
  });

  it('leaves the services unknown without a config file: no step’s service is retired', () => {
    // Every step with `url` inputs in one workflow is one owner: another step's service is not
    // this step's removed one.
    const single = { ...plan([]), services: [{ groups: [{ urls: ['https://shop.test:8443/'] }] }] };
    expect(monitorOwnership(single as unknown as RunPlan, 'local (url inputs)')).toEqual({
      owner: 'local (url inputs)',
    });
  });

  it('leaves the file’s services unknown when the plan carries no list: no service is retired', () => {
    expect(monitorOwnership(plan(['api'], 'deploy-gate.yml'), OWNER)).toEqual({ owner: OWNER });
  });
});
