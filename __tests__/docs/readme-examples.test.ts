/**
 * What a reader copies from README.md, docs/AUDITORS.md and schema/README.md works as written:
 *
 * - every YAML block parses; every deploy-gate step's `with:` names inputs of action.yml and its
 *   values pass the action's own validation; every `steps.<id>.outputs.<name>` is an output of
 *   action.yml on a deploy-gate step; no `${{ … }}` sits inside a `run:`; every workflow job has
 *   a complete `permissions:` block (`contents: read`, plus `deployments: write` with Deployments);
 * - config-file examples validate against schema/config.schema.json and plan with dist/ in
 *   `plan-only` mode, as the runner runs it;
 * - `npm run <script>` commands name scripts that exist;
 * - the auditors' shell commands run against a real evidence folder made by dist/ and uploaded to
 *   the local artifact service: downloaded as a zip, unpacked, checked; and they catch an edited
 *   evidence file and an edited manifest.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { parseInputs } from '../../src/settings/parse-inputs.js';
import { parseMode } from '../../src/settings/run-options.js';
import { readInputs, inputEnvName } from '../../src/settings/read-inputs.js';
import { parseReportInputs } from '../../src/report/report-inputs.js';
import { startFakeArtifactService } from '../helpers/fake-artifact-service.js';
import { json, startServer } from '../helpers/http-server.js';
import { ROOT, runDist } from '../helpers/run-dist.js';

interface Block {
  file: string;
  lang: string;
  text: string;
  line: number;
}

/** Fenced code blocks (``` only), with the line they start on. */
function codeBlocks(file: string): Block[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i] as string);
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j] as string); j++)
      body.push((lines[j] as string).slice(indent));
    blocks.push({ file, lang: open[2] ?? '', text: body.join('\n'), line: i + 1 });
    i = j;
  }
  return blocks;
}

const DOCS = ['README.md', 'docs/AUDITORS.md', 'schema/README.md'];
const blocks = DOCS.flatMap(codeBlocks);
const yamlBlocks = blocks.filter((b) => b.lang === 'yaml');
const where = (b: Block) => `${b.file}:${b.line}`;

const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const INPUTS = new Set(Object.keys(action.inputs));
const OUTPUTS = new Set(Object.keys(action.outputs));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Step = { uses?: string; id?: string; with?: Record<string, Json>; run?: string };
const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isGateStep = (s: unknown): s is Step =>
  isObject(s) && typeof s['uses'] === 'string' && /\/deploy-gate@/.test(s['uses']);

/** Every object inside a value (depth first). */
function objects(value: unknown): Record<string, Json>[] {
  if (Array.isArray(value)) return value.flatMap(objects);
  if (!isObject(value)) return [];
  return [value, ...Object.values(value).flatMap(objects)];
}

const documents = (b: Block): unknown[] =>
  parseAllDocuments(b.text).map((d) => d.toJS() as unknown);

const CONFIG_KEYS = ['services', 'defaults', 'health_endpoint', 'base_url'];
const isConfigFile = (doc: unknown) => isObject(doc) && CONFIG_KEYS.some((k) => k in doc);
const isWorkflow = (doc: unknown) => isObject(doc) && 'jobs' in doc;
/** A block of bare inputs, as the README shows them for one feature (`rollback-command: …`). */
const isInputFragment = (doc: unknown) => isObject(doc) && !isConfigFile(doc) && !isWorkflow(doc);

/** What the runner would put in place of each expression the examples use. */
function substitute(value: string): string {
  return value
    .replace(/\$\{\{\s*github\.sha\s*\}\}/g, '0123456789abcdef0123456789abcdef01234567')
    .replace(/\$\{\{\s*github\.token\s*\}\}/g, 'ghs_exampleToken0123456789abcdef')
    .replace(/\$\{\{\s*secrets\.[\w-]+\s*\}\}/g, 'example-secret-value-0123456789')
    .replace(/\$\{\{\s*matrix\.service\s*\}\}/g, 'api')
    .replace(/\$\{\{\s*runner\.temp\s*\}\}/g, '/tmp/runner');
}

/** The action's own validation, exactly as main runs it on INPUT_* variables. */
function inputProblems(given: Record<string, Json>): string[] {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(given))
    env[inputEnvName(name)] = substitute(String(value));
  try {
    const raw = readInputs(env);
    if (parseMode(raw) === 'report') parseReportInputs(raw);
    else parseInputs(env);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

describe('YAML examples', () => {
  it('there are examples to check in each document', () => {
    for (const file of ['README.md', 'docs/AUDITORS.md'])
      expect(yamlBlocks.filter((b) => b.file === file).length).toBeGreaterThan(0);
  });

  it.each(yamlBlocks.map((b) => [where(b), b] as const))('%s parses', (_at, block) => {
    for (const doc of parseAllDocuments(block.text)) expect(doc.errors).toEqual([]);
  });

  it('every deploy-gate step names real inputs with valid values', () => {
    const problems: string[] = [];
    let steps = 0;
    for (const block of yamlBlocks)
      for (const step of documents(block).flatMap(objects).filter(isGateStep)) {
        steps += 1;
        const given = step.with ?? {};
        for (const name of Object.keys(given))
          if (!INPUTS.has(name)) problems.push(`${where(block)}: no input "${name}"`);
        // A step with `config` is checked with its file below.
        if (!('config' in given))
          problems.push(...inputProblems(given).map((p) => `${where(block)}: ${p}`));
      }
    expect(steps).toBeGreaterThanOrEqual(4);
    expect(problems).toEqual([]);
  });

  it('every block of bare inputs names real inputs with valid values', () => {
    const problems: string[] = [];
    const fragments = yamlBlocks.flatMap((b) =>
      documents(b)
        .filter(isInputFragment)
        .map((doc) => [b, doc as Record<string, Json>] as const),
    );
    expect(fragments.length).toBeGreaterThan(0);
    for (const [block, doc] of fragments) {
      for (const name of Object.keys(doc))
        if (!INPUTS.has(name)) problems.push(`${where(block)}: no input "${name}"`);
      const withUrl = { url: 'https://my-app.fly.dev/healthz', ...doc };
      problems.push(...inputProblems(withUrl).map((p) => `${where(block)}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('every steps.<id>.outputs.<name> is an output of a deploy-gate step', () => {
    const problems: string[] = [];
    let seen = 0;
    for (const block of [...yamlBlocks, ...blocks.filter((b) => b.lang === '')]) {
      const gateIds = new Set(
        documents(block)
          .flatMap(objects)
          .filter(isGateStep)
          .map((s) => s.id),
      );
      for (const [, id, output] of block.text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        seen += 1;
        if (!OUTPUTS.has(output as string)) problems.push(`${where(block)}: no output "${output}"`);
        // A fragment's step (AUDITORS' download) refers to the gate step of the workflow around it.
        if (gateIds.size > 0 && !gateIds.has(id))
          problems.push(`${where(block)}: no deploy-gate step "${id}"`);
      }
    }
    expect(seen).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('no ${{ … }} inside a run: (outputs go through env:)', () => {
    const runs = yamlBlocks.flatMap((b) =>
      documents(b)
        .flatMap(objects)
        .filter((o) => typeof o['run'] === 'string')
        .map((o) => [where(b), o['run'] as string] as const),
    );
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.filter(([, run]) => run.includes('${{'))).toEqual([]);
  });

  it('every workflow job has a complete permissions: block', () => {
    const problems: string[] = [];
    const workflows = yamlBlocks.flatMap((b) =>
      documents(b)
        .filter(isWorkflow)
        .map((w) => [b, w as Record<string, Json>] as const),
    );
    expect(workflows.length).toBeGreaterThan(0);
    for (const [block, workflow] of workflows) {
      for (const [name, job] of Object.entries(workflow['jobs'] as Record<string, Json>)) {
        const permissions = ((job as Record<string, Json>)['permissions'] ??
          workflow['permissions']) as Record<string, Json> | undefined;
        if (permissions?.['contents'] !== 'read')
          problems.push(`${where(block)}: job ${name} has no \`contents: read\``);
        // The token's use depends on the mode: Deployments for a gate, artifacts for a report,
        // incident issues for a monitor.
        const steps = objects(job).filter(isGateStep);
        const mode = (s: (typeof steps)[number]) => s.with?.['mode'] ?? 'gate';
        const deployments = steps.some(
          (s) => s.with?.['github-token'] !== undefined && mode(s) === 'gate',
        );
        if (deployments && permissions?.['deployments'] !== 'write')
          problems.push(
            `${where(block)}: job ${name} uses Deployments without \`deployments: write\``,
          );
        const incidents = steps.some(
          (s) => mode(s) === 'monitor' && String(s.with?.['incident-issues']) === 'true',
        );
        if (incidents && permissions?.['issues'] !== 'write')
          problems.push(
            `${where(block)}: job ${name} opens incident issues without \`issues: write\``,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('config-file examples', () => {
  const configs = yamlBlocks.flatMap((b) =>
    documents(b).some(isConfigFile) ? [[where(b), b] as const] : [],
  );
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(ROOT, 'schema/config.schema.json'), 'utf8')) as object,
  );

  it('there are config-file examples', () => {
    expect(configs.length).toBeGreaterThanOrEqual(2);
  });

  it.each(configs)('%s validates against schema/config.schema.json', (_at, block) => {
    for (const doc of documents(block)) {
      validate(doc);
      expect(validate.errors ?? []).toEqual([]);
    }
  });

  it.each(configs)(
    '%s plans with dist/ in plan-only mode',
    async (_at, block) => {
      const dir = mkdtempSync(join(tmpdir(), 'dg-doc-config-'));
      try {
        writeFileSync(join(dir, 'deploy-gate.yml'), block.text);
        const run = await runDist({
          inputs: { config: join(dir, 'deploy-gate.yml'), 'plan-only': 'true' },
          env: { GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' },
        });
        run.cleanup();
        expect(run.stdout).not.toContain('::error');
        expect(run.exitCode).toBe(0);
        const matrix = JSON.parse(run.outputs.matrix ?? '') as { service: string[] };
        expect(matrix.service.length).toBeGreaterThan(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe('shell commands', () => {
  const shell = blocks.filter((b) => b.lang === 'sh');

  it('every `npm run <script>` names a script of package.json', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    const named = shell.flatMap((b) => [...b.text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !(name! in scripts))).toEqual([]);
  });

  describe("the auditors' procedure on a real run's artifact", () => {
    const RUN = { id: '1234567890', attempt: '1', job: 'deploy', step: 'gate' };
    const auditors = shell.filter((b) => b.file === 'docs/AUDITORS.md');
    /** Blocks that need GitHub (gh) are checked for their names; the rest run here. */
    const local = auditors.filter((b) => !/^\s*gh /m.test(b.text));
    let base = '';
    let evidence = '';
    let outputs: Record<string, string> = {};
    let summary = '';
    let zip: Buffer = Buffer.alloc(0);

    beforeAll(async () => {
      const app = await startServer({ '/healthz': json({ status: 'ok' }) });
      const artifacts = await startFakeArtifactService();
      try {
        const run = await runDist({
          inputs: {
            url: app.url('/healthz'),
            'initial-delay': '0',
            interval: '50ms',
            timeout: '1s',
            'startup-timeout': '2s',
            'observe-for': '300ms',
            'min-samples': '3',
          },
          env: {
            ...artifacts.env(),
            GITHUB_RUN_ID: RUN.id,
            GITHUB_RUN_ATTEMPT: RUN.attempt,
            GITHUB_JOB: RUN.job,
            GITHUB_ACTION: RUN.step,
          },
        });
        outputs = run.outputs;
        summary = run.summary;
        run.cleanup();
        zip = artifacts.artifacts[0]?.blob ?? Buffer.alloc(0);
      } finally {
        await artifacts.close();
        await app.close();
      }
      // What `gh run download <run id> --name <name> --dir evidence` leaves: the zip, unpacked.
      base = mkdtempSync(join(tmpdir(), 'dg-auditor-'));
      evidence = join(base, 'evidence');
      writeFileSync(join(base, 'evidence.zip'), zip);
      execFileSync('unzip', ['-q', 'evidence.zip', '-d', 'evidence'], { cwd: base });
    }, 60_000);
    afterAll(() => rmSync(base, { recursive: true, force: true }));

    /** The digests the job summary's Evidence section gives, in place of the quoted text. */
    function withSummaryDigests(text: string): string {
      const digest = (label: string) =>
        new RegExp(`SHA-256 of ${label}: (?:\`|<code>)([0-9a-f]{64})`).exec(summary)?.[1] ??
        'missing';
      return text
        .replace(/'digest of SHA256SUMS from the job summary'/, digest('SHA256SUMS'))
        .replace(/'digest of manifest\.json from the job summary'/, digest('manifest.json'));
    }

    /** Runs a block as a reader would: from the download's folder when it starts with `cd evidence`. */
    function runBlock(block: Block) {
      const cwd = /^\s*cd evidence\b/.test(block.text) ? base : evidence;
      return spawnSync('bash', ['-e', '-o', 'pipefail', '-c', withSummaryDigests(block.text)], {
        cwd,
        encoding: 'utf8',
      });
    }

    it('the download command names the artifact the run uploaded', () => {
      const download = auditors.find((b) => /gh run download/.test(b.text));
      const [, runId, name] = /gh run download (\S+) --name (\S+)/.exec(download?.text ?? '') ?? [];
      expect(outputs['artifact-name']).toBe(name);
      expect(name).toBe(`deploy-gate-audit-${RUN.job}-${RUN.step}-${runId}-${RUN.attempt}`);
      expect(zip.length).toBeGreaterThan(0);
    });

    it('every local command succeeds on the untouched folder', () => {
      expect(local.length).toBeGreaterThanOrEqual(3);
      for (const block of local) {
        const result = runBlock(block);
        expect({ at: where(block), status: result.status, stderr: result.stderr }).toEqual({
          at: where(block),
          status: 0,
          stderr: '',
        });
      }
    });

    it("the zip's SHA-256 is the artifact digest GitHub records (step 3)", () => {
      const block = auditors.find((b) => /sha256sum evidence\.zip/.test(b.text));
      expect(block).toBeDefined();
      const printed = execFileSync('sha256sum', ['evidence.zip'], { cwd: base, encoding: 'utf8' });
      expect(printed.split(' ')[0]).toBe(outputs['artifact-digest']);
      expect(outputs['artifact-digest']).toBe(createHash('sha256').update(zip).digest('hex'));
    });

    it('an edited evidence file fails step 1', () => {
      const block = local.find((b) => /sha256sum -c SHA256SUMS/.test(b.text)) as Block;
      const path = join(evidence, 'probes.ndjson');
      const original = readFileSync(path);
      writeFileSync(path, Buffer.concat([original, Buffer.from('{}\n')]));
      try {
        expect(runBlock(block).status).not.toBe(0);
      } finally {
        writeFileSync(path, original);
      }
    });

    it('an edited manifest.json passes step 1 but fails step 2', () => {
      const step1 = local.find((b) => /sha256sum -c SHA256SUMS/.test(b.text)) as Block;
      const step2 = local.find((b) => /manifest\.json from the job summary/.test(b.text)) as Block;
      const path = join(evidence, 'manifest.json');
      const original = readFileSync(path, 'utf8');
      writeFileSync(
        path,
        original.replace(/"generated_at": "[^"]+"/, '"generated_at": "2020-01-01T00:00:00.000Z"'),
      );
      try {
        expect(readFileSync(path, 'utf8')).not.toBe(original);
        expect(runBlock(step1).status).toBe(0);
        expect(runBlock(step2).status).not.toBe(0);
      } finally {
        writeFileSync(path, original);
      }
    });

    it("schema/README.md's commands run on the same folder", () => {
      const block = shell.find((b) => b.file === 'schema/README.md') as Block;
      const text = block.text.replace(/^cd deploy-gate-audit$/m, 'cd evidence');
      const result = spawnSync('bash', ['-e', '-c', text], { cwd: base, encoding: 'utf8' });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    });

    it('audit.json validates with the ajv options schema/README.md gives', () => {
      const ajv = new Ajv2020.default({ allErrors: true, allowUnionTypes: true });
      addFormats.default(ajv);
      const schema = JSON.parse(
        readFileSync(join(ROOT, 'schema/audit.schema.json'), 'utf8'),
      ) as object;
      const record = JSON.parse(readFileSync(join(evidence, 'audit.json'), 'utf8')) as unknown;
      expect(ajv.validate(schema, record)).toBe(true);
    });
  });
});
