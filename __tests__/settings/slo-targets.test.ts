import { sloInputs } from '../../src/settings/slo-targets.js';

describe('sloInputs', () => {
  it('reads the spellings teams use', () => {
    expect(sloInputs({ error_rate: '<1%' })['max-error-rate']?.value).toBe('1');
    expect(sloInputs({ error_rate: '<= 0.5 %' })['max-error-rate']?.value).toBe('0.5');
    expect(sloInputs({ error_rate: 2 })['max-error-rate']?.value).toBe('2');
    expect(sloInputs({ availability: '99.95%' })['max-error-rate']?.value).toBe('0.05');
    expect(sloInputs({ availability: '>= 99%' })['max-error-rate']?.value).toBe('1');
    expect(sloInputs({ availability: 99.9 })['max-error-rate']?.value).toBe('0.1');
    expect(sloInputs({ response_time_p95: '500ms', response_time_p90: 5 })['latency-slo']).toEqual({
      value: 'p90<5s,p95<500ms',
      keys: ['response_time_p90', 'response_time_p95'],
    });
  });

  it('lets error_rate decide over availability and says so', () => {
    const slo = sloInputs({ availability: '99.9%', error_rate: '<1%' });
    expect(slo['max-error-rate']).toEqual({ value: '1', key: 'error_rate' });
    expect(slo.notes).toEqual([
      'slo_targets: error_rate 1% sets max-error-rate; availability 99.9% is a long-run objective and is not judged separately',
    ]);
  });

  it('names what is wrong with each target', () => {
    expect(
      sloInputs({
        availability: '101%',
        error_rate: 'low',
        response_time_p100: '1s',
        response_time_p95: 'fast',
        uptime: '99%',
      }).problems,
    ).toEqual([
      {
        key: 'availability',
        message: 'is not an availability; accepted: a percentage above 0 up to 100, e.g. 99.9%',
      },
      {
        key: 'error_rate',
        message: 'is not an error rate; accepted: a percentage from 0 to 100, e.g. <1%, 1% or 0.5',
      },
      { key: 'response_time_p100', message: 'names a percentile outside 0-100 (exclusive)' },
      {
        key: 'response_time_p95',
        message: 'is not a latency limit; accepted: a duration above 0, e.g. 500ms, 2s or <1s',
      },
      {
        key: 'uptime',
        message:
          'is not a known target; accepted: availability, error_rate, response_time_pNN (e.g. response_time_p95, latency_p99)',
      },
    ]);
  });
});
