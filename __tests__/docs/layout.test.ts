/**
 * The layout docs/ARCHITECTURE.md promises, kept true: the top of src/ holds only the entries and
 * the main/post state, no module with logic grows past 350 lines (the input list is data), and
 * __tests__/ mirrors src/ plus its own dist/, docs/ and helpers/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Data tables, not logic: the action's inputs and outputs with their descriptions. */
const DATA = new Set(['settings/input-spec.ts']);

describe('the layout', () => {
  it('keeps at most 5 files at the top of src/: the entries and the main/post state', () => {
    const top = readdirSync(src).filter((name) => name.endsWith('.ts'));
    expect(top.sort()).toEqual(['index.ts', 'main.ts', 'post-step.ts', 'post.ts', 'state.ts']);
  });

  it('has no module with logic over 350 lines', () => {
    const long = sourceFiles(src)
      .map((path) => ({
        file: relative(src, path),
        lines: readFileSync(path, 'utf8').split('\n').length - 1,
      }))
      .filter((f) => f.lines > 350 && !DATA.has(f.file));
    expect(long).toEqual([]);
  });

  it('mirrors src/ in __tests__/, beside dist/, docs/ and helpers/', () => {
    const rooms = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory());
    const testRooms = readdirSync(join(root, '__tests__')).filter((name) =>
      statSync(join(root, '__tests__', name)).isDirectory(),
    );
    const extra = new Set(['dist', 'docs', 'helpers']);
    // Both ways: every test folder mirrors a room, and every room has its tests.
    expect(testRooms.filter((room) => !extra.has(room)).sort()).toEqual([...rooms].sort());
  });
});
