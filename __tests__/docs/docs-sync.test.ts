import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOOL } from '../../src/evidence/tool-version.js';
import { ROOT } from '../helpers/run-dist.js';

describe('generated and recorded facts stay in sync', () => {
  // Asynchronous on purpose: a worker blocked for seconds in a synchronous child misses jest's
  // shutdown and is force-exited ("A worker process has failed to exit gracefully").
  it('action.yml and the README reference match src/settings/input-spec.ts', async () => {
    await expect(
      promisify(execFile)(process.execPath, ['scripts/sync-docs.ts', '--check'], { cwd: ROOT }),
    ).resolves.toBeDefined();
  });

  it('the tool version in audit records is the package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    expect(TOOL).toEqual({ name: pkg.name, version: pkg.version });
  });
});
