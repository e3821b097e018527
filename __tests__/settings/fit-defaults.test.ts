/**
 * Defaults nobody wrote are fitted to a long written interval, only where a rule would otherwise
 * refuse the values because of them; written values are never changed.
 */
import { fitDefaultsToInterval } from '../../src/settings/fit-defaults.js';
import { readInputs } from '../../src/settings/read-inputs.js';
import { layerOf, plainInputs } from '../../src/settings/service-config.js';

const fit = (written: Record<string, string>) => {
  const values = {
    ...layerOf(readInputs({}), { kind: 'input-default' }),
    ...layerOf(written, { kind: 'action-input' }),
  };
  const fitted = fitDefaultsToInterval(values);
  const plain = plainInputs(fitted.values);
  return {
    startup: plain['startup-timeout'],
    failures: plain['failure-threshold'],
    notes: fitted.notes,
  };
};

describe('fitDefaultsToInterval', () => {
  it('grows the startup budget and shrinks the failure threshold around interval 60s', () => {
    // 3 successes 60 s apart need 120 s (the default allows 90 s); a 5 min bake holds 5 probes.
    expect(fit({ interval: '60s' })).toEqual({
      startup: '3m2s',
      failures: '5',
      notes: [
        'startup-timeout 3m2s (the default is too short for the success streak at interval 1m)',
        'failure-threshold 5 (the observe probes the bake holds at interval 1m)',
      ],
    });
  });

  it('leaves the defaults when the interval is not written, or when they already fit', () => {
    expect(fit({})).toEqual({ startup: '90s', failures: '8', notes: [] });
    expect(fit({ interval: '10s' })).toEqual({ startup: '90s', failures: '8', notes: [] });
  });

  it('never changes a written value, even one equal to its default', () => {
    expect(fit({ interval: '60s', 'startup-timeout': '90s', 'failure-threshold': '8' })).toEqual({
      startup: '90s',
      failures: '8',
      notes: [],
    });
  });

  it('keeps the failure threshold when min-samples is met: the bake rule would not refuse', () => {
    // 3 successes + 5 observe probes = 8 judged probes, enough for min-samples 8.
    expect(fit({ interval: '60s', 'min-samples': '8' }).failures).toBe('8');
  });

  it('fits nothing the input itself would refuse, leaving the rule to explain', () => {
    // 999 h of successes: a fitted startup-timeout would be over the 6 h a job can run.
    expect(fit({ interval: '1h', 'success-threshold': '1000' }).startup).toBe('90s');
  });
});
