/**
 * What the flyctl driver hands back: its typed error, one query's answer, a snapshot of an app,
 * and a deploy's outcome. Types only (and the error class), so readers of evidence need not load
 * the driver.
 */
import type { FlyMachine, FlyRelease, FlyReleaseLine, FlyStatus } from './fly-schemas.js';
import type { CommandResult } from './run-command.js';

export type FlyctlErrorKind =
  | 'invalid-argument'
  | 'missing-binary'
  | 'no-token'
  | 'unknown-app'
  | 'auth'
  | 'failed'
  | 'timeout'
  | 'cancelled'
  | 'bad-output';

export class FlyctlError extends Error {
  override readonly name = 'FlyctlError';

  constructor(
    readonly kind: FlyctlErrorKind,
    message: string,
    /** The command line (without the binary's path) and what running it produced, when it ran. */
    readonly command?: readonly string[],
    readonly result?: CommandResult,
  ) {
    super(message);
  }
}

/** One query's answer: the parsed data, the exact JSON text, and how the command ran. */
export interface FlyOutput<T> {
  data: T;
  raw: string;
  command: string[];
  result: CommandResult;
}

export interface FlySnapshot {
  releases: FlyOutput<FlyRelease[]>;
  status: FlyOutput<FlyStatus>;
  machines: FlyOutput<FlyMachine[]>;
}

export interface DeployOutcome {
  command: string[];
  result: CommandResult;
  /** The FLY_EMIT_RELEASE_JSON line, when flyctl printed one. */
  release: FlyReleaseLine | null;
  /** Set when a release line was printed but could not be read. */
  releaseLineProblem?: string;
}
