/** The lines of the SettingsError a call throws; any other outcome fails the test. */
import { SettingsError } from '../../src/settings/problems.js';

function linesOf(error: unknown): string[] {
  if (error instanceof SettingsError) return error.lines;
  throw error;
}

/** For a call that throws at once. */
export function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return linesOf(error);
  }
  throw new Error('expected a SettingsError');
}

/** For a call whose promise rejects (or that throws at once). */
export async function problemsOfAsync(run: () => unknown): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    return linesOf(error);
  }
  throw new Error('expected a SettingsError');
}
