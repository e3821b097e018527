/** The objectives of every endpoint group, as the summary folds them at its end. */
import type { EndpointGroup } from '../settings/service-settings.js';
import { cell } from './escape.js';
import { formatDurationHuman as human, formatPercent } from './format.js';
import { LIMITS } from './part-limits.js';
import { urlText } from './url-views.js';

/** Every endpoint group's URLs and objectives, one row per group (folded by the caller). */
export function objectivesTable(groups: readonly EndpointGroup[]): string[] {
  const lines = [
    '| URLs | probing | startup | failing when | latency | observe |',
    '|---|---|---|---|---|---|',
  ];
  for (const group of groups) {
    const p = group.policy;
    const urls = group.urls.slice(0, LIMITS.groupUrls).map(urlText);
    if (group.urls.length > urls.length) urls.push(`…and ${group.urls.length - urls.length} more`);
    const slo = p.latencySlo.map((o) => cell(o.text));
    lines.push(
      `| ${urls.join('<br>')} | every ${human(p.intervalMs)}, timeout ${human(p.timeoutMs)}, first after ${human(p.initialDelayMs)} | ${p.successThreshold} ok in a row within ${human(p.startupTimeoutMs)} | ${p.failureThreshold} failures in a row, or error rate > ${formatPercent(p.maxErrorRate)} (confidence ${formatPercent(1 - p.alpha)}, ${p.minSamples} samples to pass) | max ${human(p.maxLatencyMs)}${slo.length ? `; ${slo.join(', ')}` : ''} | ${human(p.observeForMs)} |`,
    );
  }
  lines.push('');
  return lines;
}
