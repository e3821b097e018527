/** The inputs of mode: report that choose and bound the GitHub source. */
import { readInputs } from '../../src/settings/read-inputs.js';
import { parseReportInputs } from '../../src/report/report-inputs.js';

const inputs = (given: Record<string, string>) =>
  readInputs(
    Object.fromEntries(Object.entries(given).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  );
const problems = (given: Record<string, string>) => {
  try {
    parseReportInputs(inputs({ MODE: 'report', ...given }));
    return [];
  } catch (error) {
    return (error as Error).message.split('\n');
  }
};

describe('parseReportInputs: records or the repository artifacts', () => {
  it('reads the artifacts with a token and the default prefix when records is empty', () => {
    const parsed = parseReportInputs(
      inputs({ MODE: 'report', 'GITHUB-TOKEN': 'ghs_exampleToken0123456789abcdef' }),
    );
    expect(parsed).toMatchObject({
      records: '',
      token: 'ghs_exampleToken0123456789abcdef',
      artifactPrefix: 'deploy-gate-audit',
      retentionDays: undefined,
      periodLabel: '30d',
    });
  });

  it('needs a token without records, and names input, value and what is accepted', () => {
    expect(problems({})).toEqual([
      expect.stringContaining(
        'Input "github-token" is empty while "records" is empty: the report then reads this repository\'s workflow artifacts, which needs a token; accepted:',
      ),
    ]);
    expect(problems({ RECORDS: 'records' })).toEqual([]);
    const all = problems({
      'GITHUB-TOKEN': 'abc12',
      'ARTIFACT-PREFIX': 'gates/prod',
      'RETENTION-DAYS': '400',
    });
    expect(all[0]).toBe('3 inputs are invalid:');
    expect(all).toHaveLength(4);
    expect(all[1]).toMatch(
      /^- Input "github-token": \(value hidden: it holds secrets\) is shorter than/,
    );
    expect(all[2]).toBe(
      '- Input "artifact-prefix" is "gates/prod": an artifact name must not contain any of " : < > | * ? \\r \\n \\ / (found "/")',
    );
    expect(all[3]).toContain(
      'Input "retention-days" is "400": accepted values are whole days from 1 to 90',
    );
    expect(all.join('\n')).not.toContain('abc12');
  });
});
