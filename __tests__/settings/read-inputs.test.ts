/** The action inputs as the runner passes them, and which of them a workflow wrote. */
import { explicitInputs, inputEnvName, readInputs } from '../../src/settings/read-inputs.js';
import { INPUTS } from '../../src/settings/input-spec.js';

describe('readInputs', () => {
  it('names env vars the way the runner does', () => {
    expect(inputEnvName('success-threshold')).toBe('INPUT_SUCCESS-THRESHOLD');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
  });

  it('applies every action.yml default outside the runner', () => {
    const raw = readInputs({ INPUT_URL: 'http://a.test' });
    for (const spec of INPUTS) {
      if (spec.default !== undefined && spec.name !== 'url')
        expect(raw[spec.name]).toBe(spec.default);
    }
  });

  it('reads only the inputs a workflow set', () => {
    expect(
      explicitInputs({
        INPUT_INTERVAL: '10s',
        'INPUT_MAX-ERROR-RATE': ' ',
        INPUT_URL: '',
        INPUT_UNKNOWN: 'x',
      }),
    ).toEqual({ interval: '10s' });
  });

  it('counts a value equal to its default as not written: the runner passes every default', () => {
    expect(
      explicitInputs({ INPUT_INTERVAL: '5s', INPUT_TIMEOUT: ' 2s ', INPUT_METHOD: 'HEAD' }),
    ).toEqual({ method: 'HEAD' });
  });
});
