/**
 * Fan-out: the `matrix` output lists the file's services in the shape `strategy.matrix` takes, and
 * the `service` input gates one of them. A workflow uses them like this:
 *
 *   jobs:
 *     plan:
 *       outputs: { matrix: ${{ steps.gate.outputs.matrix }} }
 *       steps: [{ id: gate, uses: owner/deploy-gate@v1, with: { config: deploy-gate.yml, ... } }]
 *     gate:
 *       needs: plan
 *       strategy: { matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}, fail-fast: false }
 *       steps: [{ uses: owner/deploy-gate@v1, with: { config: deploy-gate.yml, service: ${{ matrix.service }} } }]
 *
 * The shape is `{"service": ["api", "dashboard"]}`: one matrix variable, so `matrix.service` is the
 * name, jobs are named `gate (api)`, and a workflow can still add its own `include`/`exclude`.
 */
import { closest } from './describe-issue.js';
import { SettingsError } from './problems.js';
import type { ServiceConfig, ServiceFile } from './service-config.js';

/** GitHub runs at most 256 jobs per matrix. */
export const MAX_MATRIX_JOBS = 256;

export function matrixOutput(config: Pick<ServiceFile, 'services'>): string {
  return JSON.stringify({ service: config.services.map((s) => s.name) });
}

/** Problems with fanning this file out as a matrix, or none. */
export function matrixProblems(config: Pick<ServiceFile, 'file' | 'services'>): string[] {
  return config.services.length > MAX_MATRIX_JOBS
    ? [
        `${config.file}: ${config.services.length} services exceed GitHub's limit of ${MAX_MATRIX_JOBS} jobs per matrix; split the file or gate them in one job (max-parallel)`,
      ]
    : [];
}

/** The service named `name` (exactly as in the file), or a SettingsError listing the known names. */
export function selectService(config: ServiceFile, name: string): ServiceConfig {
  const wanted = name.trim();
  const found = config.services.find((s) => s.name === wanted);
  if (found) return found;
  const names = config.services.map((s) => s.name);
  const near =
    config.services.find((s) => s.name.toLowerCase() === wanted.toLowerCase())?.name ??
    closest(wanted, names);
  throw new SettingsError([
    {
      file: config.file,
      scope: '',
      field: 'service input',
      message:
        `${JSON.stringify(wanted)} is not a service in this file; ` +
        `${near ? `did you mean "${near}"? ` : ''}known: ${names.join(', ')}`,
    },
  ]);
}
