import { expandEnv, isSingleReference } from '../../src/settings/expand-env.js';

describe('expandEnv', () => {
  const env = { SHA: 'c0ffee', HOST: 'api.example.com', EMPTY: '' };

  it('replaces ${NAME} and nothing else', () => {
    expect(expandEnv('https://${HOST}/v/${SHA}', env)).toEqual({
      ok: true,
      value: 'https://api.example.com/v/c0ffee',
      variables: ['HOST', 'SHA'],
    });
    expect(expandEnv('$HOST $(whoami) `id` $5', env)).toEqual({
      ok: true,
      value: '$HOST $(whoami) `id` $5',
      variables: [],
    });
  });

  it('writes a literal ${ for $${', () => {
    expect(expandEnv('$${SHA} and ${SHA}', env)).toEqual({
      ok: true,
      value: '${SHA} and c0ffee',
      variables: ['SHA'],
    });
  });

  it('refuses unset and empty variables, defaults and unclosed references', () => {
    expect(expandEnv('${NOPE}', env)).toEqual({
      ok: false,
      problem: '${NOPE}: the environment variable NOPE is not set',
    });
    expect(expandEnv('${EMPTY}', env)).toEqual({
      ok: false,
      problem: '${EMPTY}: the environment variable EMPTY is empty',
    });
    expect(expandEnv('${SHA:-x}', env)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"${SHA:-x}" is not a variable reference'),
    });
    expect(expandEnv('v${SHA', env)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"${SHA" is not a variable reference'),
    });
  });

  it('does not expand a value into a further reference', () => {
    expect(expandEnv('${A}', { A: '${B}', B: 'secret' })).toEqual({
      ok: true,
      value: '${B}',
      variables: ['A'],
    });
  });
});

describe('isSingleReference', () => {
  it('accepts exactly one reference', () => {
    expect(['${TOKEN}', ' ${FLY_API_TOKEN} '].map(isSingleReference)).toEqual([true, true]);
    expect(['FlyV1 x', 'Bearer ${T}', '${A}${B}', '${}'].map(isSingleReference)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
