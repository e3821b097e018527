import { SettingsError } from '../../src/settings/problems.js';
import { parseServiceConfig } from '../../src/settings/load-config.js';
import {
  MAX_MATRIX_JOBS,
  matrixOutput,
  matrixProblems,
  selectService,
} from '../../src/settings/matrix.js';

const config = parseServiceConfig(
  [
    '- {service: api, base_url: "https://a.example.com"}',
    '- {service: dashboard, base_url: "https://d.example.com"}',
  ].join('\n'),
  'deploy-gate.yml',
  { env: {} },
);

describe('matrixOutput', () => {
  it('is the JSON strategy.matrix takes, one job per service', () => {
    const output = matrixOutput(config);
    expect(output).toBe('{"service":["api","dashboard"]}');
    expect(JSON.parse(output)).toEqual({ service: ['api', 'dashboard'] });
  });

  it('flags a file too large for one matrix', () => {
    const many = {
      file: 'big.yml',
      services: Array.from({ length: MAX_MATRIX_JOBS + 1 }, (_, i) => ({ name: `s${i}` })),
    };
    expect(matrixProblems(many as never)).toEqual([
      "big.yml: 257 services exceed GitHub's limit of 256 jobs per matrix; split the file or gate them in one job (max-parallel)",
    ]);
    expect(matrixProblems(config)).toEqual([]);
  });
});

describe('selectService', () => {
  it('finds a service by its exact name', () => {
    expect(selectService(config, ' dashboard ').name).toBe('dashboard');
  });

  it('lists the known names, with the likely one first', () => {
    const attempt = (name: string) => {
      try {
        selectService(config, name);
      } catch (error) {
        return (error as SettingsError).message;
      }
      return 'found';
    };
    expect(attempt('dashbaord')).toBe(
      'deploy-gate.yml: service input: "dashbaord" is not a service in this file; did you mean "dashboard"? known: api, dashboard',
    );
    expect(attempt('API')).toBe(
      'deploy-gate.yml: service input: "API" is not a service in this file; did you mean "api"? known: api, dashboard',
    );
    expect(attempt('billing')).toBe(
      'deploy-gate.yml: service input: "billing" is not a service in this file; known: api, dashboard',
    );
  });
});
