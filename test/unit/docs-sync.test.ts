import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOOL } from '../../src/version.js';
import { ROOT } from '../helpers/run-dist.js';

describe('generated and recorded facts stay in sync', () => {
  it('action.yml and the README reference match src/settings/input-spec.ts', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/sync-docs.ts', '--check'], {
        cwd: ROOT,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('the tool version in audit records is the package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    expect(TOOL).toEqual({ name: pkg.name, version: pkg.version });
  });
});
