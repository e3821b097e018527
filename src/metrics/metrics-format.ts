/** How the metrics judgement prints numbers and queries in its messages. */

const QUERY_SHOWN_CHARS = 300;

export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  if (percent === 0 || Math.abs(percent) >= 0.1) return `${percent.toFixed(1)}%`;
  return `${Number(percent.toPrecision(2))}%`;
}

/** Limits are shown as given: 5%, 0.5%, 0.01%. */
export function formatPercentLimit(ratio: number): string {
  return `${Number((ratio * 100).toFixed(4))}%`;
}

/** Milliseconds with at most one decimal, so 500.1 ms never prints as 500 ms. */
export function formatMs(ms: number): string {
  return `${Number(ms.toFixed(1))} ms`;
}

/** The query on one line, cut when long, for messages. */
export function shownQuery(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim();
  return oneLine.length > QUERY_SHOWN_CHARS ? `${oneLine.slice(0, QUERY_SHOWN_CHARS)}...` : oneLine;
}
