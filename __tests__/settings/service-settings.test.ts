/**
 * Every setting a service declares applies to every endpoint it probes, whatever names the URL
 * (its endpoints, base_url alone, the url input, fly.toml's checks), or the file is refused
 * naming the field. And values quoted from the file never carry URL credentials.
 */
import { fileURLToPath } from 'node:url';
import { parseServiceConfig } from '../../src/settings/load-config.js';
import { resolveService } from '../../src/settings/resolve-service.js';
import type { ServiceConfig } from '../../src/settings/service-config.js';
import {
  serviceDisplayName,
  serviceUrls,
  type ServiceSettings,
} from '../../src/settings/service-settings.js';
import { problemsOfAsync } from '../helpers/settings-problems.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const env = { API_TOKEN: 'api-token-value-123' };

const only = (text: string): ServiceConfig =>
  parseServiceConfig(text, 'deploy-gate.yml', { env }).services[0] as ServiceConfig;

const VERSION_AND_AUTH = [
  'expected_version: "2.0"',
  'version_path: build.version',
  'headers: {Authorization: "Bearer ${API_TOKEN}"}',
].join('\n');

describe('a service without endpoints of its own keeps its version and headers', () => {
  it('base_url alone', async () => {
    const service = only(`name: api\nbase_url: https://api.example.com\n${VERSION_AND_AUTH}\n`);
    const [group] = (await resolveService(service, { actionInputs: {} })).groups;
    expect(group?.settings.urls).toEqual(['https://api.example.com/']);
    expect(group?.settings.expect.version).toEqual({ expected: '2.0', path: ['build', 'version'] });
    expect(group?.settings.request.headers).toEqual({
      Authorization: `Bearer ${env.API_TOKEN}`,
    });
    expect(group?.settings.secrets).toContain(`Bearer ${env.API_TOKEN}`);
  });

  it("fly.toml's checks", async () => {
    const service = only(
      `name: api\nfly: {config: ${JSON.stringify(fixture('fly.toml'))}}\n${VERSION_AND_AUTH}\n`,
    );
    const [group] = (await resolveService(service, { actionInputs: {} })).groups;
    expect(group?.inputs['url']).toBe(
      'https://shop-api.fly.dev/healthz\nhttps://shop-api.fly.dev/ready',
    );
    expect(group?.settings.expect.version?.expected).toBe('2.0');
    expect(group?.settings.request.headers['Authorization']).toBe(`Bearer ${env.API_TOKEN}`);
  });

  it('the url input', async () => {
    const service = only(`name: api\n${VERSION_AND_AUTH}\n`);
    const [group] = (
      await resolveService(service, { actionInputs: { url: 'https://x.example.com/up' } })
    ).groups;
    expect(group?.settings.expect.version?.expected).toBe('2.0');
    expect(group?.settings.request.headers['Authorization']).toBe(`Bearer ${env.API_TOKEN}`);
  });

  it('inherits them from defaults too', async () => {
    const file = parseServiceConfig(
      `defaults: {headers: {X-Api-Key: "\${API_TOKEN}"}}\nservices:\n  - {name: api, base_url: "https://api.example.com", expected_version: "3"}\n`,
      'deploy-gate.yml',
      { env },
    );
    const [group] = (await resolveService(file.services[0] as ServiceConfig, { actionInputs: {} }))
      .groups;
    expect(group?.settings.request.headers).toEqual({ 'X-Api-Key': env.API_TOKEN });
    expect(group?.settings.expect.version?.expected).toBe('3');
  });
});

describe('settings that would apply to no endpoint are refused', () => {
  it('a service expected_version when every endpoint sets its own', async () => {
    const text = [
      'name: api',
      'base_url: https://api.example.com',
      'expected_version: "2.0"',
      'endpoints:',
      '  - {path: /a, expected_version: "1"}',
      '  - {path: /b, expected_version: "1"}',
    ].join('\n');
    expect(await problemsOfAsync(() => only(text))).toEqual([
      'deploy-gate.yml:3: service "api": expected_version: "2.0" applies to no endpoint: each sets its own expected_version; accepted: set it on the endpoints, or drop theirs',
    ]);
  });
});

describe('values from the file are checked by the same input rules, where they were written', () => {
  it('refuses headers undici cannot send, a short secret and a bad Fly app name', async () => {
    const text = [
      'name: api',
      'base_url: https://api.example.com',
      'headers: {Upgrade: websocket}',
      'fly: {app: Shop_API}',
      'endpoints:',
      '  - {path: /a, expect_body: "/(a)\\\\1/", headers: {X-Api-Key: abc}}',
    ].join('\n');
    expect(await problemsOfAsync(() => only(text))).toEqual([
      'deploy-gate.yml:4: service "api": fly.app: "Shop_API" is not a Fly app name; accepted: 1-63 lowercase letters, digits and dashes, starting and ending with a letter or digit, like my-app',
      'deploy-gate.yml:6: service "api": endpoints[0].headers: (value hidden: it holds secrets) line 1 sets Upgrade, which cannot be sent: undici refuses it; a probe is a plain HTTP exchange',
      'deploy-gate.yml:6: service "api": endpoints[0].headers: (value hidden: it holds secrets) line 2 sets X-Api-Key to a secret shorter than 6 characters, too short to redact safely from logs and evidence; accepted: at least 6 characters',
      'deploy-gate.yml:6: service "api": endpoints[0].expect_body: "/(a)\\\\1/" is not a usable regular expression: backreferences (\\1, \\k<name>) are not supported; accepted: a substring, or /regex/flags in RE2 syntax (no backreferences or lookaround) with flags i, m, s, g, u',
    ]);
  });

  it('masks URL credentials and refuses a base_url with a query string', async () => {
    const text = [
      'name: api',
      'base_url: "https://deploy:hunter2pw@api.example.com/?token=abc123"',
      'endpoints: ["ftp://deploy:hunter2pw@api.example.com/x"]',
    ].join('\n');
    const problems = await problemsOfAsync(() => only(text));
    expect(problems).toEqual([
      'deploy-gate.yml:2: service "api": base_url: "https://***@api.example.com/?token=***" has a query string or fragment, which endpoint paths would follow; accepted: a base URL like https://api.example.com',
      'deploy-gate.yml:3: service "api": endpoints[0]: "ftp://***@api.example.com/x" is neither a path starting with / nor an http(s) URL; accepted: /healthz or https://api.example.com/healthz',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2pw');
  });
});

describe('serviceDisplayName', () => {
  const groups = [{ urls: ['https://api.example.com:8443/healthz'] }] as ServiceSettings['groups'];
  it('is the config name, else the Fly app, else the first URL’s host', () => {
    expect(serviceDisplayName({ name: 'api', fly: { app: 'shop-api' }, groups })).toBe('api');
    expect(serviceDisplayName({ fly: { app: 'shop-api' }, groups })).toBe('shop-api');
    expect(serviceDisplayName({ groups })).toBe('api.example.com:8443');
  });
});

describe('serviceUrls', () => {
  it('lists the URLs of every endpoint group, in order', () => {
    const groups = [
      { urls: ['https://a.test/1', 'https://a.test/2'] },
      { urls: ['https://a.test/3'] },
    ];
    expect(serviceUrls({ groups })).toEqual([
      'https://a.test/1',
      'https://a.test/2',
      'https://a.test/3',
    ]);
  });
});
