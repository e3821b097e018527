import {
  findReleaseLine,
  flyMachinesSchema,
  flyReleasesSchema,
  flyStatusSchema,
  isGoodReleaseStatus,
  parseFlyJson,
  releaseStatusKind,
} from '../../src/rollback/fly-schemas.js';
import { runCommand } from '../../src/rollback/run-command.js';
import { createFakeFly, FAKE_TOKEN, release, type FakeFly } from '../helpers/fake-fly.js';

function expectFailure<T>(outcome: { ok: true; data: T } | { ok: false; message: string }): string {
  if (outcome.ok) throw new Error('expected the parse to fail');
  return outcome.message;
}

describe('flyctl JSON as the fake prints it', () => {
  let fly: FakeFly;
  const flyctl = async (...args: string[]) => {
    const result = await runCommand('flyctl', args, {
      env: fly.env({ FLY_ACCESS_TOKEN: FAKE_TOKEN }),
      timeoutMs: 10_000,
    });
    expect(result.exitCode).toBe(0);
    return result.stdout;
  };
  beforeAll(() => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 4, statuses: { 4: 'failed' } }] });
  });
  afterAll(() => fly.cleanup());

  it('parses releases, keeping fields it does not declare', async () => {
    const text = await flyctl('releases', '--json', '--app', 'shop');
    const parsed = parseFlyJson(flyReleasesSchema, text, 'flyctl releases');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.data.map((r) => [r.Version, r.Status])).toEqual([
      [4, 'failed'],
      [3, 'complete'],
      [2, 'complete'],
      [1, 'complete'],
    ]);
    expect(parsed.data[0]).toHaveProperty('EvaluationID', '');
  });

  it('parses status and machines', async () => {
    const status = parseFlyJson(
      flyStatusSchema,
      await flyctl('status', '--json', '--app', 'shop'),
      'flyctl status',
    );
    const machines = parseFlyJson(
      flyMachinesSchema,
      await flyctl('machines', 'list', '--json', '--app', 'shop'),
      'flyctl machines list',
    );
    if (!status.ok || !machines.ok) throw new Error('fake output did not parse');
    expect(status.data).toMatchObject({ Version: 3, Name: 'shop', Organization: { Slug: 'acme' } });
    expect(machines.data.map((m) => m.config?.metadata?.fly_release_version)).toEqual(['3', '3']);
  });
});

describe('flyctl JSON that is wrong', () => {
  const releasesText = (patch: Record<string, unknown>) =>
    JSON.stringify([{ ...release(41), ...patch }]);

  it('names the field, the value and what is accepted', () => {
    const message = expectFailure(
      parseFlyJson(flyReleasesSchema, releasesText({ Version: '41' }), 'flyctl releases'),
    );
    expect(message).toBe(
      'flyctl releases printed JSON of an unexpected shape: [0].Version: expected a number, got "41" (string)',
    );
  });

  it('asks for a whole number when a version has a fraction', () => {
    const message = expectFailure(
      parseFlyJson(flyReleasesSchema, releasesText({ Version: 41.5 }), 'flyctl releases'),
    );
    expect(message).toContain('[0].Version: expected a whole number, got 41.5 (number)');
  });

  it('says when a field is missing', () => {
    const message = expectFailure(
      parseFlyJson(flyReleasesSchema, releasesText({ ImageRef: undefined }), 'flyctl releases'),
    );
    expect(message).toContain(
      '[0].ImageRef: expected a string, got nothing (the field is missing)',
    );
  });

  it('rejects a timestamp that is not RFC 3339', () => {
    const message = expectFailure(
      parseFlyJson(flyReleasesSchema, releasesText({ CreatedAt: 'yesterday' }), 'flyctl releases'),
    );
    expect(message).toContain('[0].CreatedAt: expected an RFC 3339 timestamp');
    expect(message).toContain('got "yesterday" (string)');
  });

  it('rejects a machine whose release version is not digits', () => {
    const machine = {
      id: '148e21ea7e9389',
      state: 'started',
      image_ref: {},
      config: { metadata: { fly_release_version: 'v3' } },
    };
    const message = expectFailure(
      parseFlyJson(flyMachinesSchema, JSON.stringify([machine]), 'flyctl machines list'),
    );
    expect(message).toContain('[0].config.metadata.fly_release_version');
    expect(message).toContain('"v3"');
  });

  it('rejects a status without the organization slug', () => {
    const status = {
      ID: 'shop',
      Name: 'shop',
      Hostname: 'shop.fly.dev',
      Version: 3,
      Organization: {},
    };
    const message = expectFailure(
      parseFlyJson(flyStatusSchema, JSON.stringify(status), 'flyctl status'),
    );
    expect(message).toContain('Organization.Slug: expected a string, got nothing');
  });

  it('quotes output that is not JSON at all', () => {
    const message = expectFailure(
      parseFlyJson(flyReleasesSchema, 'Update available 0.4.59 -> 0.4.60\n[', 'flyctl releases'),
    );
    expect(message).toBe(
      'flyctl releases did not print JSON: "Update available 0.4.59 -> 0.4.60 ["',
    );
  });

  it('reads a Go nil slice (null) as an empty list', () => {
    expect(parseFlyJson(flyReleasesSchema, 'null', 'flyctl releases')).toEqual({
      ok: true,
      data: [],
    });
    expect(parseFlyJson(flyMachinesSchema, 'null', 'flyctl machines')).toEqual({
      ok: true,
      data: [],
    });
  });
});

describe('release statuses', () => {
  it('treats only complete as good and anything unfamiliar as unknown', () => {
    expect(isGoodReleaseStatus('complete')).toBe(true);
    for (const status of ['failed', 'interrupted', 'running', 'pending', 'succeeded', '']) {
      expect(isGoodReleaseStatus(status)).toBe(false);
    }
    expect(releaseStatusKind('interrupted')).toBe('interrupted');
    expect(releaseStatusKind('succeeded')).toBe('unknown');
  });
});

describe('findReleaseLine', () => {
  const progress =
    '==> Verifying app config\nVisit your newly deployed app at https://shop.fly.dev/\n';

  it('finds the FLY_EMIT_RELEASE_JSON line after the progress lines', () => {
    const stdout = `${progress}{"id":"rel_1","version":44,"image_ref":"registry.fly.io/shop:deployment-X","extra":1}\n`;
    expect(findReleaseLine(stdout)).toEqual({
      ok: true,
      data: { id: 'rel_1', version: 44, image_ref: 'registry.fly.io/shop:deployment-X', extra: 1 },
    });
  });

  it('is null when flyctl printed none', () => {
    expect(findReleaseLine(progress)).toBeNull();
  });

  it('reports a release line of the wrong shape', () => {
    const outcome = findReleaseLine(`${progress}{"id":"rel_1","version":"44"}\n`);
    expect(outcome && !outcome.ok && outcome.message).toContain(
      'version: expected a number, got "44" (string)',
    );
  });
});
