/** Number formats shared by the summary, the outputs and the annotations. */

export const formatMs = (value: number | undefined | null): string =>
  value === undefined || value === null ? '–' : `${Math.round(value)} ms`;

export const formatPercent = (fraction: number | null | undefined): string =>
  fraction === null || fraction === undefined
    ? '–'
    : `${(fraction * 100).toFixed(1).replace(/\.0$/, '')}%`;
