/**
 * Runs one external command without a shell: an argument array, a hard timeout, cancellation,
 * bounded output capture. Used for flyctl and for the generic `rollback-command` input.
 *
 * The child leads its own session and process group (`detached: true`), and its environment
 * carries a marker, so a timeout or an abort reaches everything it started, even a helper that
 * left the group with setsid(): SIGTERM to the tree, then SIGKILL after a grace period.
 *
 * The run is bounded whatever the command leaves behind: once the main process exits, leftovers
 * get `drainMs`, then they are killed and our ends of the pipes are closed; past the timeout the
 * same happens after the kill grace. Nothing waits for a pipe a stranger holds open.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { signalTree, TREE_MARKER } from './process-tree.js';

export type OutputStream = 'stdout' | 'stderr';

export interface RunCommandOptions {
  /** The child's whole environment (nothing is inherited implicitly). PATH lookup uses it. */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Hard limit for the whole run; the process group is killed when it passes. */
  timeoutMs: number;
  /** Aborting kills the process group, like a timeout; the result says `cancelled`. */
  signal?: AbortSignal;
  /** Live output, decoded as UTF-8, in the chunks the pipe delivered. Errors it throws are ignored. */
  onOutput?: (stream: OutputStream, chunk: string) => void;
  /** Bytes kept per stream; beyond it the oldest output is dropped (the tail is kept). */
  maxCaptureBytes?: number;
  /** Time between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  /**
   * After the main process exits, how long its leftovers (background children still holding
   * the output pipes) may live before the group is killed.
   */
  drainMs?: number;
}

export interface CommandResult {
  /** The exit code, or null when the process ended by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
  startedAt: string;
  endedAt: string;
  /** The command could not start (ENOENT: not found, EACCES: not executable, ...). */
  spawnError?: { code: string; message: string };
}

export const DEFAULT_MAX_CAPTURE_BYTES = 1024 * 1024;
export const DEFAULT_KILL_GRACE_MS = 2000;
export const DEFAULT_DRAIN_MS = 1000;
/** After the last kill, how long we still wait for the pipes before closing them ourselves. */
const CLOSE_GRACE_MS = 500;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Keeps the last `limit` bytes written to it. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 0) {
      const first = this.chunks[0] as Buffer;
      const excess = this.size - this.limit;
      this.truncated = true;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
      }
    }
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

export function runCommand(
  file: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const started = Date.now();
  const startedClock = performance.now();
  const limit = options.maxCaptureBytes ?? DEFAULT_MAX_CAPTURE_BYTES;
  const stdout = new TailBuffer(limit);
  const stderr = new TailBuffer(limit);

  const finish = (
    fields: Pick<CommandResult, 'exitCode' | 'signal' | 'timedOut' | 'cancelled'> &
      Partial<CommandResult>,
  ): CommandResult => ({
    stdout: stdout.text(),
    stderr: stderr.text(),
    stdoutTruncated: stdout.truncated,
    stderrTruncated: stderr.truncated,
    durationMs: Math.round(performance.now() - startedClock),
    startedAt: new Date(started).toISOString(),
    endedAt: new Date().toISOString(),
    ...fields,
  });

  if (options.signal?.aborted) {
    return Promise.resolve(
      finish({ exitCode: null, signal: null, timedOut: false, cancelled: true }),
    );
  }

  const marker = `${TREE_MARKER}=${randomUUID()}`;
  let child: ChildProcessByStdio<null, Readable, Readable>;
  try {
    child = spawn(file, [...args], {
      env: { ...options.env, [TREE_MARKER]: marker.slice(TREE_MARKER.length + 1) },
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
  } catch (error) {
    // Invalid arguments (a NUL byte in an argument or the env) throw before anything starts.
    return Promise.resolve(
      finish({
        exitCode: null,
        signal: null,
        timedOut: false,
        cancelled: false,
        spawnError: { code: errorCode(error), message: (error as Error).message },
      }),
    );
  }

  return new Promise<CommandResult>((resolve) => {
    let timedOut = false;
    let cancelled = false;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const report = (name: OutputStream, text: string) => {
      if (!text || !options.onOutput) return;
      try {
        options.onOutput(name, text);
      } catch {
        // Showing output live is a courtesy: a failing listener must not break the command.
      }
    };
    const capture = (name: OutputStream, buffer: TailBuffer) => {
      const decoder = new StringDecoder('utf8');
      const stream = child[name];
      stream.on('data', (chunk: Buffer) => {
        buffer.push(chunk);
        report(name, decoder.write(chunk));
      });
      stream.on('end', () => report(name, decoder.end()));
    };
    capture('stdout', stdout);
    capture('stderr', stderr);

    const grace = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    const kill = (signal: NodeJS.Signals) => signalTree(child.pid, marker, signal);
    /** Stops waiting for output: whatever still holds the pipes is not our command any more. */
    const release = () => {
      child.stdout.destroy();
      child.stderr.destroy();
      const final = exited ?? { code: null, signal: null };
      settle(finish({ exitCode: final.code, signal: final.signal, timedOut, cancelled }));
    };
    let stopping = false;
    const stop = (reason: 'timeout' | 'abort') => {
      if (settled || stopping) return;
      stopping = true;
      // A command that already exited is not "timed out": only its leftovers are being cleared.
      if (!exited) {
        if (reason === 'timeout') timedOut = true;
        else cancelled = true;
      }
      kill('SIGTERM');
      timers.push(
        setTimeout(() => {
          kill('SIGKILL');
          timers.push(setTimeout(release, CLOSE_GRACE_MS));
        }, grace),
      );
    };
    const onAbort = () => stop('abort');

    const settle = (result: CommandResult) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };

    // setTimeout treats anything above 2^31-1 ms as 1 ms: clamp instead of firing at once.
    timers.push(
      setTimeout(() => stop('timeout'), Math.min(Math.max(0, options.timeoutMs), MAX_TIMER_MS)),
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.on('error', (error) => {
      // Only a failure to start ends the run here; later errors (a failed kill) come with 'close'.
      if (child.pid !== undefined) return;
      settle(
        finish({
          exitCode: null,
          signal: null,
          timedOut: false,
          cancelled: false,
          spawnError: { code: errorCode(error), message: error.message },
        }),
      );
    });

    child.on('exit', (code, signal) => {
      exited = { code, signal };
      if (stopping) return;
      // Leftovers holding our pipes would keep 'close' from firing: give them a moment, then
      // kill the whole tree and close our ends, so the step never waits on a stranger.
      timers.push(
        setTimeout(() => {
          kill('SIGKILL');
          timers.push(setTimeout(release, CLOSE_GRACE_MS));
        }, options.drainMs ?? DEFAULT_DRAIN_MS),
      );
    });

    child.on('close', (code, signal) => {
      if (child.pid === undefined) return;
      const final = exited ?? { code, signal };
      settle(finish({ exitCode: final.code, signal: final.signal, timedOut, cancelled }));
    });
  });
}
