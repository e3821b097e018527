/**
 * Bounds what a rollback's output costs on disk and in the step log: the first `headBytes`
 * pass through as they come, then only the last `tailBytes` are kept and written at the end,
 * after a line that says how much was cut. 10 MB of flyctl chatter becomes a few hundred KB
 * that still show how it started and how it ended.
 */
export const DEFAULT_HEAD_BYTES = 256 * 1024;
export const DEFAULT_TAIL_BYTES = 256 * 1024;

export class OutputCap {
  private passed = 0;
  private tail: string[] = [];
  private tailSize = 0;
  private cut = 0;

  constructor(
    private readonly sink: (text: string) => void,
    private readonly headBytes = DEFAULT_HEAD_BYTES,
    private readonly tailBytes = DEFAULT_TAIL_BYTES,
  ) {}

  push(text: string): void {
    const room = this.headBytes - this.passed;
    if (room > 0) {
      const head = text.length <= room ? text : text.slice(0, room);
      this.passed += head.length;
      this.sink(head);
      text = text.slice(head.length);
    }
    if (!text) return;
    this.tail.push(text);
    this.tailSize += text.length;
    while (this.tailSize > this.tailBytes) {
      const first = this.tail[0] as string;
      const excess = this.tailSize - this.tailBytes;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailSize -= first.length;
        this.cut += first.length;
      } else {
        this.tail[0] = first.slice(excess);
        this.tailSize -= excess;
        this.cut += excess;
      }
    }
  }

  /** Characters dropped from the middle so far. */
  get cutChars(): number {
    return this.cut;
  }

  /** Writes the kept tail (after a line naming the cut); call once, when the command ended. */
  end(): void {
    if (this.cut > 0)
      this.sink(
        `\n[deploy-gate: ${this.cut} characters of output cut here; the first ${this.headBytes} and the last ${this.tailBytes} are kept]\n`,
      );
    if (this.tail.length) this.sink(this.tail.join(''));
    this.tail = [];
    this.tailSize = 0;
  }
}

/** Splits a stream of text into whole lines for a line-oriented log. */
export function lineSplitter(onLine: (line: string) => void): {
  push: (text: string) => void;
  end: () => void;
} {
  let pending = '';
  return {
    push(text) {
      const lines = (pending + text).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    end() {
      if (pending) onLine(pending);
      pending = '';
    },
  };
}
