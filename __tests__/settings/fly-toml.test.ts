import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  flyBaseUrl,
  flyTomlDefaults,
  flyTomlReader,
  parseFlyToml,
  readFlyToml,
} from '../../src/settings/fly-toml.js';
import { plainInputs } from '../../src/settings/service-config.js';
import { problemsOf } from '../helpers/settings-problems.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('readFlyToml', () => {
  it('reads the app and [[http_service.checks]]', async () => {
    expect(await readFlyToml(fixture('fly.toml'))).toEqual({
      file: fixture('fly.toml'),
      app: 'shop-api',
      checks: [
        {
          field: 'http_service.checks[0]',
          path: '/healthz',
          interval: '30s',
          timeout: '5s',
          gracePeriod: '10s',
        },
        { field: 'http_service.checks[1]', path: '/ready', interval: '1m', timeout: '2s' },
      ],
    });
  });

  it('reads [[services.http_checks]] of services on 80/443 only, bare numbers as milliseconds', async () => {
    expect((await readFlyToml(fixture('fly-old.toml'))).checks).toEqual([
      {
        field: 'services[0].http_checks[0]',
        path: '/health',
        interval: '10000ms',
        timeout: '2000ms',
        gracePeriod: '5s',
      },
    ]);
  });
});

describe('parseFlyToml problems', () => {
  it('points at a TOML syntax error', () => {
    expect(problemsOf(() => parseFlyToml('app = "x"\n[http_service\n', 'fly.toml'))[0]).toMatch(
      /^fly\.toml:2: /,
    );
  });

  it('names a bad duration and a bad path with their fields', () => {
    const text = [
      'app = "x"',
      '[[http_service.checks]]',
      '  interval = "soon"',
      '  grace_period = "10"',
      '[[http_service.checks]]',
      '  path = "health"',
    ].join('\n');
    expect(problemsOf(() => parseFlyToml(text, 'fly.toml'))).toEqual([
      'fly.toml: http_service.checks[0].interval: "soon" is not a duration; accepted: a Go duration like 10s or 1m30s, or a number of milliseconds',
      'fly.toml: http_service.checks[0].grace_period: "10" is not a duration; accepted: a Go duration like 10s or 1m30s, or a number of milliseconds',
      'fly.toml: http_service.checks[1].path: "health" is not a path; accepted: a path starting with /',
    ]);
  });
});

describe('flyTomlDefaults', () => {
  it('maps checks to url, interval, timeout and initial-delay', async () => {
    const toml = await readFlyToml(fixture('fly.toml'));
    expect(plainInputs(flyTomlDefaults(toml).inputs)).toEqual({
      'fly-app': 'shop-api',
      url: 'https://shop-api.fly.dev/healthz\nhttps://shop-api.fly.dev/ready',
      interval: '30s',
      timeout: '5s',
      'initial-delay': '10s',
    });
  });

  it('probes a given hostname instead of fly.dev', async () => {
    const toml = await readFlyToml(fixture('fly.toml'));
    expect(flyTomlDefaults(toml, { hostname: 'api.example.com' }).inputs['url']?.value).toBe(
      'https://api.example.com/healthz\nhttps://api.example.com/ready',
    );
  });

  it('says why there is no URL', () => {
    const noChecks = parseFlyToml('app = "x"\n', 'fly.toml');
    expect(flyTomlDefaults(noChecks)).toEqual({
      inputs: {
        'fly-app': { value: 'x', origin: { kind: 'fly.toml', file: 'fly.toml', field: 'app' } },
      },
      notes: [
        'fly.toml has no [[http_service.checks]] (or [[services.http_checks]] on port 80/443)',
      ],
    });
    const noApp = parseFlyToml('[[http_service.checks]]\n  path = "/up"\n', 'fly.toml');
    expect(flyTomlDefaults(noApp).notes).toEqual([
      'fly.toml names no app, so its check paths have no host to probe',
    ]);
  });

  it('builds base URLs from an app or a hostname', () => {
    expect(flyBaseUrl({ app: 'a' })).toBe('https://a.fly.dev');
    expect(flyBaseUrl({ app: 'a', hostname: 'http://127.0.0.1:8080/' })).toBe(
      'http://127.0.0.1:8080',
    );
    expect(flyBaseUrl({})).toBeUndefined();
  });
});

describe('flyTomlReader', () => {
  it('reads each path once: a later call gets the first answer, or the first error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fly-toml-once-'));
    try {
      const path = join(dir, 'fly.toml');
      const missing = join(dir, 'absent.toml');
      await writeFile(path, 'app = "first"\n');
      const read = flyTomlReader();
      expect((await read(path)).app).toBe('first');
      await expect(read(missing)).rejects.toThrow('does not exist');
      await writeFile(path, 'app = "second"\n');
      await writeFile(missing, 'app = "late"\n');
      expect((await read(path)).app).toBe('first');
      await expect(read(missing)).rejects.toThrow('does not exist');
      // A new reader (the next run's plan) reads the file as it is now.
      expect((await flyTomlReader()(path)).app).toBe('second');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
