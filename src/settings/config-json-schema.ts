/**
 * schema/config.schema.json, generated from the zod schemas in config-schema.ts so the published
 * schema and the loader cannot drift. scripts/gen-config-schema.ts writes it; a test fails when
 * the committed file is stale. Editors pick it up with a modeline in the YAML file:
 *
 *   # yaml-language-server: $schema=https://raw.githubusercontent.com/<owner>/deploy-gate/main/schema/config.schema.json
 *
 * Every document of the file is one of: `services:` (with optional `defaults:`), one service,
 * or a list of services. The root says so with if/then/else, so a validator reports the errors of
 * the one layout the document uses rather than of all three.
 */
import { z } from 'zod';
import { defaultsSchema, fileSchema, serviceSchema, sloTargetsSchema } from './config-schema.js';
import { NAMED_FIELD, PERCENTILE_KEY } from './file-fields.js';

type Json = Record<string, unknown>;

/** What `<name>_endpoint`, `<name>_interval` and `<name>_timeout` take. */
const NAMED_VALUE: Json = {
  type: ['string', 'number'],
  description:
    '`<name>_endpoint`: a path (joined to the base URL) or a URL, declaring the endpoint `<name>`; `<name>_interval` / `<name>_timeout`: its time between probes / budget of one request, e.g. `60s`.',
};

export const CONFIG_SCHEMA_PATH = 'schema/config.schema.json';

export function configJsonSchema(): Json {
  const root = z.union([fileSchema, serviceSchema, z.array(serviceSchema)]);
  const generated = z.toJSONSchema(root, {
    target: 'draft-2020-12',
    io: 'input',
    override: (ctx) => {
      // Any percentile is a target (`response_time_p75`, `latency_p99.9`), anything else is a typo.
      if (ctx.zodSchema === sloTargetsSchema) {
        const json = ctx.jsonSchema as Json;
        // The listed keys are excluded from the pattern: a property matching both is legal JSON
        // Schema, but strict validators (ajv) reject the schema for it.
        const listed = Object.keys(json['properties'] as Json).join('|');
        const pattern = `^(?!(?:${listed})$)${PERCENTILE_KEY.source.slice(1)}`;
        json['patternProperties'] = { [pattern]: json['additionalProperties'] };
        json['additionalProperties'] = false;
      }
      // A service names its own endpoints: `search_endpoint`, `search_interval`, `search_timeout`.
      if (ctx.zodSchema === serviceSchema || ctx.zodSchema === defaultsSchema) {
        const json = ctx.jsonSchema as Json;
        const listed = Object.keys(json['properties'] as Json).join('|');
        const pattern = `^(?!(?:${listed})$)${NAMED_FIELD.source.slice(1)}`;
        json['patternProperties'] = { [pattern]: NAMED_VALUE };
      }
    },
  }) as Json;
  const [file, service, list] = generated['anyOf'] as [Json, Json, Json];
  return {
    $schema: generated['$schema'],
    title: 'deploy-gate service config',
    description:
      'Services gated by deploy-gate: `services:` with optional `defaults:`, one service per YAML document, or a list of services. `${VAR}` in a value is taken from the environment.',
    if: { type: 'object', properties: { services: {} }, required: ['services'] },
    then: file,
    else: { anyOf: [service, list] },
    $defs: generated['$defs'],
  };
}

/** The exact file contents: 2-space JSON and a final newline. */
export function renderConfigSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
