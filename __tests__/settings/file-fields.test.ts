/** The tables of where each file field goes, held equal to the schema that declares the fields. */
import { renderConfigSchema } from '../../src/settings/config-json-schema.js';
import {
  endpointObjectSchema,
  flySchema,
  metricsSchema,
  monitoringSchema,
  policySchema,
  rollbackSchema,
  serviceSchema,
} from '../../src/settings/config-schema.js';
import { isSecretPath } from '../../src/settings/describe-issue.js';
import {
  ENDPOINT_INPUTS,
  FILE_INPUTS,
  NOT_JUDGED_FIELDS,
  VERSION_INPUTS,
} from '../../src/settings/file-fields.js';
import { INPUTS } from '../../src/settings/input-spec.js';
import { SECRET_INPUTS } from '../../src/settings/read-inputs.js';

describe('FILE_INPUTS: the one table the loader reads input values with', () => {
  const blocks = {
    monitoring: monitoringSchema,
    fly: flySchema,
    rollback: rollbackSchema,
    policy: policySchema,
    metrics: metricsSchema,
  };

  it('lists exactly the keys each block schema declares, each setting a declared input', () => {
    const fromTable = (block: string) =>
      Object.keys(FILE_INPUTS)
        .filter((path) => path.startsWith(`${block}.`))
        .map((path) => path.slice(block.length + 1))
        .sort();
    for (const [block, schema] of Object.entries(blocks))
      expect([block, fromTable(block)]).toEqual([block, Object.keys(schema.shape).sort()]);
    const topLevel = Object.keys(FILE_INPUTS).filter((path) => !path.includes('.'));
    for (const key of topLevel) expect(Object.keys(serviceSchema.shape)).toContain(key);
    const inputs = new Set(INPUTS.map((i) => i.name));
    for (const input of Object.values(FILE_INPUTS)) expect(inputs.has(input)).toBe(true);
  });

  it('makes every secret input it reaches a ${VAR}-only field, hidden in messages', () => {
    const secretFields = Object.entries(FILE_INPUTS)
      .filter(([, input]) => SECRET_INPUTS.has(input))
      .map(([path]) => path);
    expect(secretFields.sort()).toEqual(['fly.api_token', 'metrics.prometheus-token']);
    for (const path of secretFields) expect(isSecretPath(path.split('.'))).toBe(true);
    expect(isSecretPath(['headers', 'Authorization'])).toBe(true);
    expect(isSecretPath(['monitoring', 'interval'])).toBe(false);
  });
});

describe('the other field tables match the schema they read', () => {
  const inputs = new Set(INPUTS.map((i) => i.name));

  it('ENDPOINT_INPUTS: every endpoint field but the ones with readers of their own', () => {
    const own = ['name', 'path', 'url', 'headers', 'expected_status', 'expect_json'];
    expect(Object.keys(endpointObjectSchema.shape).sort()).toEqual(
      [...own, ...Object.keys(ENDPOINT_INPUTS)].sort(),
    );
    for (const input of Object.values(ENDPOINT_INPUTS)) expect(inputs.has(input)).toBe(true);
  });

  it('VERSION_INPUTS: service fields setting the endpoint inputs of the same name', () => {
    for (const [key, input] of Object.entries(VERSION_INPUTS)) {
      expect(Object.keys(serviceSchema.shape)).toContain(key);
      expect(ENDPOINT_INPUTS[key]).toBe(input);
    }
  });

  it('NOT_JUDGED_FIELDS: each a field of the service or its slo_targets, and nothing else is', () => {
    type Props = Record<string, { description?: string; properties?: Props }>;
    const service = (
      JSON.parse(renderConfigSchema()) as { $defs: { service: { properties: Props } } }
    ).$defs.service.properties;
    const notJudged = (props: Props, prefix = '') =>
      Object.entries(props)
        .filter(([, field]) => field.description?.includes('Not judged by the gate'))
        .map(([key]) => `${prefix}${key}`);
    expect(
      [
        ...notJudged(service),
        ...notJudged(service['slo_targets']?.properties ?? {}, 'slo_targets.'),
      ].sort(),
    ).toEqual(Object.keys(NOT_JUDGED_FIELDS).sort());
  });
});
