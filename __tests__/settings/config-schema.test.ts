/**
 * schema/config.schema.json: generated from the loader's own zod schemas, committed up to date,
 * and a faithful description of the file: the samples (the issue's snippet as is) validate, bad
 * files fail with paths that say where, and the loader agrees with the schema on each of them.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { CONFIG_SCHEMA_PATH, renderConfigSchema } from '../../src/settings/config-json-schema.js';
import { SettingsError } from '../../src/settings/problems.js';
import { parseServiceConfig } from '../../src/settings/load-config.js';
import { ISSUE_SNIPPET } from '../helpers/issue-snippet.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const env = { GITHUB_SHA: 'c0ffee', API_TOKEN: 'api-token-1', FLY_API_TOKEN_API: 'fly-token-1' };

function validator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(`${repoRoot}${CONFIG_SCHEMA_PATH}`, 'utf8')));
}

/** Every YAML document of a file, as an editor's validator sees it. */
const documents = (text: string): unknown[] => parseAllDocuments(text).map((d) => d.toJS());

describe('schema/config.schema.json', () => {
  const validate = validator();

  it('equals a fresh generation from the zod schemas', () => {
    expect(readFileSync(`${repoRoot}${CONFIG_SCHEMA_PATH}`, 'utf8')).toBe(renderConfigSchema());
  });

  it('scripts/gen-config-schema.ts runs on Node 24 as is and finds nothing stale', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['scripts/gen-config-schema.ts', '--check'],
      { cwd: repoRoot },
    );
    expect({ stdout, stderr }).toEqual({ stdout: '', stderr: '' });
  });

  it('accepts the snippet from the issue byte for byte', () => {
    const [doc] = documents(ISSUE_SNIPPET);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  it.each(['snippet.yml', 'stream.yml', 'list.yml', 'canonical.yml', 'users-matrix.yml'])(
    'accepts %s',
    (name) => {
      const text = fixture(name);
      for (const doc of documents(text)) {
        expect(validate(doc) ? [] : validate.errors).toEqual([]);
      }
      expect(parseServiceConfig(text, name, { env }).services.length).toBeGreaterThan(0);
    },
  );

  interface BadCase {
    name: string;
    yaml: string;
    /** Where ajv points, with which keyword (and the offending property, if any). */
    error: { instancePath: string; keyword: string; property?: string };
    /** The loader's problem for the same file. */
    problem: RegExp;
  }
  const bad: BadCase[] = [
    {
      name: 'a misspelt SLO target',
      yaml: 'service: a\nslo_targets: {availabilty: 99.9%}\n',
      error: {
        instancePath: '/slo_targets',
        keyword: 'additionalProperties',
        property: 'availabilty',
      },
      problem: /^x\.yml:2: service "a": slo_targets\.availabilty: "99\.9%" is not a known target/,
    },
    {
      name: 'a list where a duration goes',
      yaml: 'services:\n  - name: a\n    monitoring: {interval: [15s]}\n',
      error: { instancePath: '/services/0/monitoring/interval', keyword: 'type' },
      problem: /^x\.yml:3: service "a": monitoring\.interval: \["15s"\] must be text or a number$/,
    },
    {
      name: 'an unknown rollback mode',
      yaml: 'services:\n  - name: a\n    rollback: {mode: sometimes}\n',
      error: { instancePath: '/services/0/rollback/mode', keyword: 'enum' },
      problem: /^x\.yml:3: service "a": rollback\.mode: "sometimes" must be auto or none$/,
    },
    {
      name: 'an unknown field next to services',
      yaml: 'services:\n  - name: a\nextra: 1\n',
      error: { instancePath: '', keyword: 'additionalProperties', property: 'extra' },
      problem: /^x\.yml:3: extra: is not a known top-level field/,
    },
    {
      name: 'an endpoint that is a number',
      yaml: 'name: a\nendpoints: [5]\n',
      error: { instancePath: '/endpoints/0', keyword: 'type' },
      problem:
        /^x\.yml:2: service "a": endpoints\[0\]: 5 must be a path, a URL, or an object with `path` or `url`$/,
    },
    {
      name: 'a misspelt policy input',
      yaml: 'name: a\npolicy: {success_threshold: 2}\n',
      error: {
        instancePath: '/policy',
        keyword: 'additionalProperties',
        property: 'success_threshold',
      },
      problem:
        /^x\.yml:2: service "a": policy\.success_threshold: is not a known field; did you mean "success-threshold"\?/,
    },
  ];

  it.each(bad)('rejects $name, pointing at it', ({ yaml, error, problem }) => {
    const [doc] = documents(yaml);
    expect(validate(doc)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({
        instancePath: error.instancePath,
        keyword: error.keyword,
        ...(error.property ? { params: { additionalProperty: error.property } } : {}),
      }),
    );
    let lines: string[] = [];
    try {
      parseServiceConfig(yaml, 'x.yml', { env });
    } catch (e) {
      lines = (e as SettingsError).lines;
    }
    expect(lines).toContainEqual(expect.stringMatching(problem));
  });
});
