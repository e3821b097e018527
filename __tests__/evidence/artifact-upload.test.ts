import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { DefaultArtifactClient, GHESNotSupportedError } from '@actions/artifact';
import {
  artifactName,
  artifactNameInput,
  retentionDaysInput,
  uploadEvidence,
} from '../../src/evidence/artifact-upload.js';
import { REDACTED, Redactor } from '../../src/secrets/redact.js';
import { FakeArtifactService } from '../helpers/fake-artifact-client.js';
import { tempDirs } from '../helpers/temp-dir.js';

const temp = tempDirs();

/** Validates like parse-inputs does: the value, or the messages zod gave, thrown. */
function parseWith<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
}
const parseArtifactName = (value: string, inputName?: string) =>
  parseWith(artifactNameInput(inputName), value);
const parseRetentionDays = (value: string | number | undefined) =>
  value === undefined ? undefined : parseWith(retentionDaysInput(), value);
afterEach(() => temp.cleanup());

function auditFolder(): string {
  const dir = temp.make('artifact');
  writeFileSync(join(dir, 'audit.json'), '{}\n');
  writeFileSync(join(dir, 'SHA256SUMS'), '');
  mkdirSync(join(dir, 'rollback'));
  writeFileSync(join(dir, 'rollback', 'probes.ndjson'), '{"seq":1}\n');
  return dir;
}

/** Runs with exactly these Actions variables set (others removed), restoring the real env after. */
async function withEnv<T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const names = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_SERVER_URL'];
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  for (const name of names) delete process.env[name];
  Object.assign(process.env, env);
  try {
    return await body();
  } finally {
    for (const name of names) {
      const value = saved[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('uploadEvidence with the artifact service fake', () => {
  it('uploads every file of the folder, recursively, under the folder as root', async () => {
    const dir = auditFolder();
    const service = new FakeArtifactService();
    const outcome = await uploadEvidence({
      dir,
      name: 'audit-1',
      retentionDays: 30,
      client: service,
    });
    expect(outcome).toEqual({
      uploaded: true,
      name: 'audit-1',
      files: ['SHA256SUMS', 'audit.json', 'rollback/probes.ndjson'],
      id: 4000,
      size: 13,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(service.uploads).toEqual([
      {
        name: 'audit-1',
        files: [
          join(dir, 'SHA256SUMS'),
          join(dir, 'audit.json'),
          join(dir, 'rollback', 'probes.ndjson'),
        ],
        rootDirectory: dir,
        options: { retentionDays: 30 },
      },
    ]);
  });

  it('leaves retention to the repository default when none is given', async () => {
    const service = new FakeArtifactService();
    await uploadEvidence({ dir: auditFolder(), name: 'audit-2', client: service });
    expect(service.uploads[0]?.options).toEqual({});
  });

  it('turns a reused name (409 from the service) into a warning', async () => {
    const service = new FakeArtifactService();
    const dir = auditFolder();
    await uploadEvidence({ dir, name: 'same', client: service });
    const second = await uploadEvidence({ dir, name: 'same', client: service });
    expect(second).toMatchObject({
      uploaded: false,
      warning: expect.stringContaining('(409) Conflict'),
    });
  });

  it.each([
    [
      'outside Actions',
      new Error('Unable to get the ACTIONS_RUNTIME_TOKEN env variable'),
      'ACTIONS_RUNTIME_TOKEN',
    ],
    ['on GHES', new GHESNotSupportedError(), 'not currently supported on GHES'],
    [
      'on a service error',
      new Error('CreateArtifact: response from backend was not ok'),
      'backend was not ok',
    ],
  ])('never throws %s: it warns and the files stay', async (_where, error, expected) => {
    const service = new FakeArtifactService();
    service.failNextWith = error;
    const dir = auditFolder();
    const outcome = await uploadEvidence({ dir, name: 'audit-3', client: service });
    expect(outcome).toEqual({
      uploaded: false,
      name: 'audit-3',
      files: ['SHA256SUMS', 'audit.json', 'rollback/probes.ndjson'],
      warning: expect.stringContaining(expected),
    });
    if (!outcome.uploaded) expect(outcome.warning).toContain(`The files remain in ${dir}.`);
  });

  it('masks secrets quoted in an error message', async () => {
    const service = new FakeArtifactService();
    service.failNextWith = new Error(
      'upload to https://blob.example/c?sv=2023&sig=AbCdEf123%3D&se=x failed with token hunter-token-9',
    );
    const redactor = new Redactor();
    redactor.addSecret('hunter-token-9');
    const outcome = await uploadEvidence({
      dir: auditFolder(),
      name: 'a',
      client: service,
      redactor,
    });
    expect(outcome.uploaded).toBe(false);
    if (!outcome.uploaded) {
      expect(outcome.warning).toContain(`sig=${REDACTED}&se=x failed with token ${REDACTED}`);
      expect(outcome.warning).not.toContain('AbCdEf123');
    }
  });

  it('warns without calling the service for a bad name, a bad retention or no files', async () => {
    const service = new FakeArtifactService();
    const dir = auditFolder();
    const badName = await uploadEvidence({ dir, name: 'a/b', client: service });
    const badDays = await uploadEvidence({ dir, name: 'ok', retentionDays: 91, client: service });
    const empty = await uploadEvidence({ dir: temp.make('empty'), name: 'ok', client: service });
    const missing = await uploadEvidence({ dir: join(dir, 'nope'), name: 'ok', client: service });
    expect(service.uploads).toEqual([]);
    expect([badName, badDays, empty, missing].map((outcome) => outcome.uploaded)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    const warnings = [badName, badDays, empty, missing].map((o) => (o.uploaded ? '' : o.warning));
    expect(warnings[0]).toContain('must not contain any of');
    expect(warnings[1]).toContain('retention of 91 days');
    expect(warnings[2]).toContain('the folder holds no files');
    expect(warnings[3]).toContain('the folder cannot be read (ENOENT');
  });
});

describe('uploadEvidence with the real DefaultArtifactClient', () => {
  let writes: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    // @actions/core prints its own ::warning:: and info lines; keep the test output clean.
    writes = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => writes.mockRestore());

  it('fails into a warning, not a crash, outside Actions (no runtime token)', async () => {
    const outcome = await withEnv({}, () =>
      uploadEvidence({
        dir: auditFolder(),
        name: 'real-client',
        client: new DefaultArtifactClient(),
      }),
    );
    expect(outcome).toMatchObject({
      uploaded: false,
      warning: expect.stringContaining(
        'Unable to get the ACTIONS_RUNTIME_TOKEN env variable (not inside a GitHub Actions JavaScript step',
      ),
    });
  });

  it('outside Actions, says no upload is possible without loading the client', async () => {
    const outcome = await withEnv({}, () =>
      uploadEvidence({ dir: auditFolder(), name: 'no-runtime' }),
    );
    expect(outcome).toMatchObject({
      uploaded: false,
      warning: expect.stringContaining(
        'no upload is possible here (not inside a GitHub Actions JavaScript step: ACTIONS_RUNTIME_TOKEN is not set)',
      ),
    });
  });

  it('is the default client, and refuses GHES with a warning', async () => {
    // A runtime token as a runner gives it: without one the client is not even loaded.
    const outcome = await withEnv(
      { GITHUB_SERVER_URL: 'https://ghes.example.internal', ACTIONS_RUNTIME_TOKEN: 'runner-token' },
      () => uploadEvidence({ dir: auditFolder(), name: 'real-client-ghes' }),
    );
    expect(outcome).toMatchObject({
      uploaded: false,
      warning: expect.stringContaining('not currently supported on GHES'),
    });
  });
});

describe('artifactName', () => {
  it('is unique per job and attempt, built from safe characters', () => {
    expect(artifactName({ runId: 13574268091, runAttempt: 2, job: 'deploy' })).toBe(
      'deploy-gate-audit-deploy-13574268091-2',
    );
    expect(artifactName({ runId: 1, runAttempt: 1, job: 'deploy', service: 'api' })).toBe(
      'deploy-gate-audit-api-deploy-1-1',
    );
  });

  it('strips every forbidden character and keeps the result tidy', () => {
    const name = artifactName({
      runId: '9',
      runAttempt: '1',
      job: ' build/deploy: "prod" <eu>|*?\\\r\n\ttabs ',
      service: '..web\u0007app..',
    });
    expect(name).toBe('deploy-gate-audit-web-app-build-deploy-prod-eu-tabs-9-1');
    expect(parseArtifactName(name)).toBe(name);
  });

  it('drops parts that are empty once cleaned', () => {
    expect(artifactName({ runId: 5, runAttempt: 1, job: '///', service: '' })).toBe(
      'deploy-gate-audit-5-1',
    );
  });
});

describe('parseArtifactName', () => {
  it('accepts a clean name', () => {
    expect(parseArtifactName('audit evidence (prod)')).toBe('audit evidence (prod)');
  });

  it.each([
    ['a/b', '"/"'],
    ['x:y', '":"'],
    ['line\nbreak', '"\\n"'],
    ['back\\slash', '"\\\\"'],
  ])('rejects %j naming the input, the value and the character', (value, found) => {
    expect(() => parseArtifactName(value)).toThrow(
      `Input "artifact-name" is ${JSON.stringify(value)}: an artifact name must not contain any of " : < > | * ? \\r \\n \\ / (found ${found})`,
    );
  });

  it('rejects an empty name', () => {
    expect(() => parseArtifactName('  ', 'audit-artifact')).toThrow(
      'Input "audit-artifact" is "  ": an artifact name must not be empty',
    );
  });
});

describe('parseRetentionDays', () => {
  it.each([
    ['', undefined],
    [undefined, undefined],
    ['1', 1],
    [' 90 ', 90],
    [30, 30],
  ])('reads %j as %j', (input, expected) => {
    expect(parseRetentionDays(input)).toBe(expected);
  });

  it.each(['0', '91', '7.5', 'ten', '-3', 0])(
    'rejects %j naming input, value and range',
    (input) => {
      expect(() => parseRetentionDays(input)).toThrow(
        `Input "retention-days" is ${JSON.stringify(input)}: accepted values are whole days from 1 to 90, or empty for the repository default`,
      );
    },
  );
});
