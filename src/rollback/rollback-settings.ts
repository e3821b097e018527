/** How a release is rolled back: the Fly app, or a command of the user's, and the bounds. */
import type { DeployStrategy } from './flyctl.js';
import type { RollbackTo } from './select-target.js';

export interface FlySettings {
  app: string;
  /** Path to fly.toml, passed as --config. */
  config?: string;
  /** The fly-api-token input, when given (the environment's tokens are resolved later). */
  tokenInput?: string;
}

export interface RollbackSettings {
  mode: 'auto' | 'none';
  /** A version number, or an image ref, as given in rollback-to. */
  to?: RollbackTo;
  strategy?: DeployStrategy;
  timeoutMs: number;
  /** rollback-command split into arguments; the first is the program. */
  command?: string[];
  failOnRollback: boolean;
  dryRun: boolean;
}
