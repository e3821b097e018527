/** The per-URL table of a gate run: URLs failing first, with their numbers. */
import type { GateResult } from '../gate/run-gate.js';
import { cell } from './escape.js';
import { formatMs, formatPercent, plural } from './format.js';
import { LIMITS } from './part-limits.js';
import { needsLook, sortedUrls, urlText, type UrlView } from './url-views.js';

function urlRow(v: UrlView): string {
  const s = v.u.assessment.summary;
  const last = [...v.mine].reverse().find((a) => !a.ok)?.failure;
  return `| ${urlText(v.u.url)} | ${v.status} | ${s.successes} of ${s.attempts} | ${formatPercent(s.errorRate)} | ${formatMs(s.p95)} | ${last ? cell(last.message) : '–'} |`;
}

const URL_HEAD = [
  '| URL | status | ok | error rate | p95 | last failure |',
  '|---|---|---:|---:|---:|---|',
];

/** The per-URL table: every URL when few, else those that need a look and the healthy folded. */
export function urlTable(result: GateResult): string[] {
  const views = sortedUrls(result);
  if (views.length === 0) return [];
  if (views.length <= LIMITS.urlsOpen) return [...URL_HEAD, ...views.map(urlRow), ''];
  const look = views.filter(needsLook);
  const rest = views.filter((v) => !needsLook(v));
  const lines: string[] = [];
  if (look.length) {
    lines.push(...URL_HEAD, ...look.slice(0, LIMITS.urlRows).map(urlRow));
    if (look.length > LIMITS.urlRows)
      lines.push('', `…and ${look.length - LIMITS.urlRows} more URLs like these (see audit.json).`);
    lines.push('');
  }
  if (rest.length) {
    const shown = rest.slice(0, LIMITS.foldedUrlRows);
    lines.push(
      `<details><summary>${plural(rest.length, 'other URL')}: ${describeRest(rest)}</summary>`,
      '',
      ...URL_HEAD,
      ...shown.map(urlRow),
      '',
    );
    if (rest.length > shown.length)
      lines.push(
        `Folded into the artifact: ${rest.length - shown.length} more URLs (every URL's numbers are in audit.json).`,
        '',
      );
    lines.push('</details>', '');
  }
  return lines;
}

function describeRest(rest: readonly UrlView[]): string {
  const healthy = rest.filter((v) => v.u.assessment.status === 'healthy').length;
  const stopped = rest.length - healthy;
  return [healthy && `${healthy} healthy`, stopped && `${stopped} stopped without a failure`]
    .filter(Boolean)
    .join(', ');
}
