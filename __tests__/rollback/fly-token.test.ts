import { runCommand } from '../../src/rollback/run-command.js';
import { flyEnv, pickFlyToken, tokenSecrets } from '../../src/rollback/fly-token.js';
import { createFakeFly, FAKE_TOKEN, type FakeFly } from '../helpers/fake-fly.js';

describe('pickFlyToken', () => {
  it('prefers the fly-api-token input', () => {
    expect(
      pickFlyToken('from-input', { FLY_ACCESS_TOKEN: 'access', FLY_API_TOKEN: 'api' }),
    ).toEqual({ token: 'from-input', source: 'input' });
  });

  it('falls back to FLY_ACCESS_TOKEN, then FLY_API_TOKEN', () => {
    expect(pickFlyToken('', { FLY_ACCESS_TOKEN: 'access', FLY_API_TOKEN: 'api' })).toEqual({
      token: 'access',
      source: 'FLY_ACCESS_TOKEN',
    });
    expect(pickFlyToken(undefined, { FLY_API_TOKEN: 'api' })).toEqual({
      token: 'api',
      source: 'FLY_API_TOKEN',
    });
  });

  it('looks past a set-but-empty FLY_ACCESS_TOKEN (a missing secret) to FLY_API_TOKEN', () => {
    expect(pickFlyToken('', { FLY_ACCESS_TOKEN: '', FLY_API_TOKEN: 'api' })).toEqual({
      token: 'api',
      source: 'FLY_API_TOKEN',
    });
  });

  it('trims the newline a pasted secret often carries and keeps the FlyV1 scheme', () => {
    expect(pickFlyToken('  FlyV1 fm2_abc\n', {})).toEqual({
      token: 'FlyV1 fm2_abc',
      source: 'input',
    });
  });

  it('returns null when every candidate is missing or blank', () => {
    expect(pickFlyToken('   ', { FLY_ACCESS_TOKEN: '', FLY_API_TOKEN: '\n' })).toBeNull();
    expect(pickFlyToken(undefined, {})).toBeNull();
  });
});

describe('flyEnv', () => {
  it('hands flyctl exactly one token and leaves the base env untouched', () => {
    const base = { PATH: '/bin', FLY_ACCESS_TOKEN: '', FLY_API_TOKEN: 'stale', OTHER: 'kept' };
    const env = flyEnv(base, 'chosen');
    expect(env).toEqual({ PATH: '/bin', FLY_ACCESS_TOKEN: 'chosen', OTHER: 'kept' });
    expect(base.FLY_API_TOKEN).toBe('stale');
  });
});

describe('tokenSecrets', () => {
  it('lists the token, its bare form and each macaroon part', () => {
    expect(tokenSecrets('FlyV1 fm2_aaaaaaaa,fm2_bbbbbbbb')).toEqual([
      'FlyV1 fm2_aaaaaaaa,fm2_bbbbbbbb',
      'fm2_aaaaaaaa,fm2_bbbbbbbb',
      'fm2_aaaaaaaa',
      'fm2_bbbbbbbb',
    ]);
  });

  it('always includes the whole token, even a short one', () => {
    expect(tokenSecrets('abc')).toEqual(['abc']);
  });
});

describe('the empty FLY_ACCESS_TOKEN trap, against the fake flyctl', () => {
  let fly: FakeFly;
  beforeAll(() => {
    fly = createFakeFly({ apps: [{ name: 'shop', releases: 2 }] });
  });
  afterAll(() => fly.cleanup());

  const trapEnv = () => fly.env({ FLY_ACCESS_TOKEN: '', FLY_API_TOKEN: FAKE_TOKEN });

  it('bites when the env is passed as it is', async () => {
    const result = await runCommand('flyctl', ['status', '--json', '--app', 'shop'], {
      env: trapEnv(),
      timeoutMs: 10_000,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Error: no access token available');
    expect(fly.log().at(-1)).toMatchObject({ tokenSource: 'FLY_ACCESS_TOKEN', token: '' });
  });

  it('cannot bite through flyEnv(pickFlyToken(...))', async () => {
    const picked = pickFlyToken('', trapEnv());
    expect(picked?.source).toBe('FLY_API_TOKEN');
    const result = await runCommand('flyctl', ['status', '--json', '--app', 'shop'], {
      env: flyEnv(trapEnv(), picked?.token ?? ''),
      timeoutMs: 10_000,
    });
    expect(result.exitCode).toBe(0);
    expect(fly.log().at(-1)).toMatchObject({ tokenSource: 'FLY_ACCESS_TOKEN', token: FAKE_TOKEN });
  });
});
