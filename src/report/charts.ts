/**
 * The charts of report.html, as inline SVG (no script, no external asset). Each scales to the
 * page (viewBox, width 100 %), has y ticks, a legend, and a few date labels; record text is
 * escaped. Layout numbers are in viewBox units, about CSS pixels on a 1200 px page.
 */
import { duration, remainingText, shortDate } from './format.js';
import { esc } from './html-escape.js';
import type { Report, Slo, SloService } from './report-schema.js';

const W = 1100;
const LEFT = 48;
const RIGHT = 12;
const COLOURS = ['#3b6fd6', '#d64545', '#2e8b57', '#d98200', '#8e44ad', '#16a085', '#7f5539'];

const svg = (id: string, label: string, height: number, body: string) =>
  `<svg class="chart" id="${id}" role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${body}</svg>`;

const f1 = (n: number) => n.toFixed(1);

/** A legend entry: a coloured square and its words; returns the markup and the next x. */
function key(x: number, y: number, colour: string, words: string): [string, number] {
  return [
    `<rect x="${f1(x)}" y="${y - 9}" width="10" height="10" fill="${colour}"/><text x="${f1(x + 14)}" y="${y}">${esc(words)}</text>`,
    x + 24 + words.length * 6.6,
  ];
}

function legend(y: number, entries: Array<[string, string]>, x = LEFT): string {
  let at = x;
  return entries
    .map(([colour, words]) => {
      const [markup, next] = key(at, y, colour, words);
      at = next;
      return markup;
    })
    .join('');
}

/** Round steps (1, 2, 5 × 10^k) from 0 to at least `max`, at most `count` + 1 ticks. */
export function niceTicks(max: number, count = 4): number[] {
  const raw = Math.max(1, max) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power);
  const ticks: number[] = [];
  for (let t = 0; ; t += step) {
    ticks.push(t);
    if (t >= max) return ticks;
  }
}

/** Indexes of up to `count` evenly spaced labels, always the first and the last. */
export function labelIndexes(length: number, count: number): number[] {
  if (length <= 0) return [];
  if (length <= count) return [...Array(length).keys()];
  const step = (length - 1) / (count - 1);
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round(i * step)))];
}

/** Deployments per day as bars, the failed part of each in red. */
export function dailyChart(days: Report['days']): string {
  const H = 220;
  const top = 34;
  const bottom = H - 24;
  const max = Math.max(1, ...days.map((d) => d.deployments));
  const ticks = niceTicks(max);
  const yMax = ticks.at(-1) as number;
  const y = (n: number) => bottom - ((bottom - top) * n) / yMax;
  const slot = (W - LEFT - RIGHT) / Math.max(1, days.length);
  const bar = Math.max(1, slot * 0.75);
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${LEFT}" y1="${f1(y(t))}" x2="${W - RIGHT}" y2="${f1(y(t))}" class="grid"/><text x="${LEFT - 6}" y="${f1(y(t) + 4)}" text-anchor="end">${t}</text>`,
    )
    .join('');
  const bars = days
    .map((d, i) => {
      const x = LEFT + i * slot + (slot - bar) / 2;
      return `<g><title>${esc(d.date)}: ${d.deployments} gates, ${d.failed} failed</title><rect class="ok" x="${f1(x)}" y="${f1(y(d.deployments))}" width="${f1(bar)}" height="${f1(bottom - y(d.deployments))}"/><rect class="bad" x="${f1(x)}" y="${f1(y(d.failed))}" width="${f1(bar)}" height="${f1(bottom - y(d.failed))}"/></g>`;
    })
    .join('');
  const dates = labelIndexes(days.length, 7)
    .map((i) => {
      const x = LEFT + i * slot + slot / 2;
      const anchor = i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle';
      const at = anchor === 'start' ? LEFT : anchor === 'end' ? W - RIGHT : x;
      return `<text x="${f1(at)}" y="${H - 6}" text-anchor="${anchor}">${esc(shortDate(days[i]?.date ?? ''))}</text>`;
    })
    .join('');
  const body = `${grid}<line x1="${LEFT}" y1="${bottom}" x2="${W - RIGHT}" y2="${bottom}" class="axis"/>${bars}${dates}${legend(
    14,
    [
      ['#4a9d5b', 'gates that passed or did not decide'],
      ['#d64545', 'failed gates (unhealthy, rolled back, rollback failed)'],
    ],
  )}<text x="${W - RIGHT}" y="14" text-anchor="end">gates per UTC day</text>`;
  return svg('chart-deployments', 'Deployments and failures per day', H, body);
}

const LOG_TICKS: Array<[number, string]> = [
  [1, '1 s'],
  [10, '10 s'],
  [60, '1 min'],
  [600, '10 min'],
  [3600, '1 h'],
  [36_000, '10 h'],
  [86_400, '1 d'],
  [864_000, '10 d'],
];

/** Time to restore of each restored failed gate of the period, oldest first, on a log scale. */
export function restoreChart(restores: Report['restores']): string {
  const done = restores.filter((r) => r.seconds !== null).slice(-80);
  if (done.length === 0)
    return svg(
      'chart-restore',
      'Time to restore',
      40,
      `<text x="${LEFT}" y="24">No failed gate was restored in the period.</text>`,
    );
  const H = 240;
  const top = 34;
  const bottom = H - 24;
  const values = done.map((r) => Math.max(1, r.seconds as number));
  const lowIndex = Math.max(
    0,
    LOG_TICKS.findLastIndex(([t]) => t <= Math.min(...values)),
  );
  const highIndex = LOG_TICKS.findIndex(([t]) => t >= Math.max(...values));
  const ticks = LOG_TICKS.slice(lowIndex, (highIndex < 0 ? LOG_TICKS.length : highIndex) + 1);
  const low = Math.log10(ticks[0]?.[0] ?? 1);
  const high = Math.max(low + 1, Math.log10(ticks.at(-1)?.[0] ?? 10));
  const y = (s: number) => bottom - ((bottom - top) * (Math.log10(s) - low)) / (high - low);
  const slot = (W - LEFT - RIGHT) / done.length;
  const bar = Math.max(1, Math.min(28, slot * 0.75));
  const grid = ticks
    .map(
      ([t, label]) =>
        `<line x1="${LEFT}" y1="${f1(y(t))}" x2="${W - RIGHT}" y2="${f1(y(t))}" class="grid"/><text x="${LEFT - 6}" y="${f1(y(t) + 4)}" text-anchor="end">${label}</text>`,
    )
    .join('');
  const bars = done
    .map((r, i) => {
      const top = Math.min(bottom - 2, y(Math.max(1, r.seconds as number)));
      return `<g><title>${esc(r.service)}, failed ${esc(r.failed_at)}: restored after ${esc(duration(r.seconds))} via ${esc(r.via)}</title><rect class="${r.via === 'rollback' ? 'rb' : 'next'}" x="${f1(LEFT + i * slot + (slot - bar) / 2)}" y="${f1(top)}" width="${f1(bar)}" height="${f1(bottom - top)}"/></g>`;
    })
    .join('');
  const dates = labelIndexes(done.length, 6)
    .map((i) => {
      const anchor = i === 0 ? 'start' : i === done.length - 1 ? 'end' : 'middle';
      const x = anchor === 'start' ? LEFT : anchor === 'end' ? W - RIGHT : LEFT + (i + 0.5) * slot;
      return `<text x="${f1(x)}" y="${H - 6}" text-anchor="${anchor}">${esc(shortDate(done[i]?.failed_at.slice(0, 10) ?? ''))}</text>`;
    })
    .join('');
  const body = `${grid}<line x1="${LEFT}" y1="${bottom}" x2="${W - RIGHT}" y2="${bottom}" class="axis"/>${bars}${dates}${legend(
    14,
    [
      ['#3b6fd6', 'restored by its verified rollback'],
      ['#999999', 'restored by the next healthy gate'],
    ],
  )}<text x="${W - RIGHT}" y="14" text-anchor="end">one bar per failed gate, log scale</text>`;
  return svg('chart-restore', 'Time to restore per failed gate', H, body);
}

/** At most this many panels: the services with the least budget left. */
const MAX_PANELS = 24;
const FLOOR = -100;

/**
 * Remaining budget per service, one small panel each (same scale: 100 % to −100 %, below 0 the
 * budget is exhausted and a line further down is drawn on the floor).
 */
export function burnDownChart(slo: Slo | null): string {
  let services = (slo?.services ?? []).filter((s) => s.burn_down.length > 0);
  if (services.length === 0)
    return svg(
      'chart-budget',
      'Error budget burn-down',
      40,
      `<text x="${LEFT}" y="24">No error budget: give the config input with availability or error_rate targets.</text>`,
    );
  const last = (s: SloService) => s.burn_down.at(-1)?.remaining_percent ?? 100;
  if (services.length > MAX_PANELS)
    services = [...services].sort((a, b) => last(a) - last(b)).slice(0, MAX_PANELS);
  const columns = Math.min(3, services.length);
  const panelW = W / columns;
  const panelH = 170;
  const rows = Math.ceil(services.length / columns);
  const panels = services
    .map((s, n) => {
      const colour = COLOURS[n % COLOURS.length] as string;
      const px = (n % columns) * panelW;
      const py = Math.floor(n / columns) * panelH;
      const left = px + 56;
      const right = px + panelW - 16;
      const top = py + 30;
      const bottom = py + panelH - 26;
      const y = (v: number) => top + ((bottom - top) * (100 - Math.max(FLOOR, v))) / (100 - FLOOR);
      const x = (i: number) => left + ((right - left) * i) / Math.max(1, s.burn_down.length - 1);
      const points = s.burn_down
        .map((d, i) => `${f1(x(i))},${f1(y(d.remaining_percent ?? 100))}`)
        .join(' ');
      const end = s.burn_down.at(-1);
      const status = remainingText(end?.remaining_percent ?? null);
      const ticks = [100, 0, FLOOR]
        .map(
          (t) =>
            `<line x1="${f1(left)}" y1="${f1(y(t))}" x2="${f1(right)}" y2="${f1(y(t))}" class="${t === 0 ? 'axis' : 'grid'}"/><text x="${f1(left - 5)}" y="${f1(y(t) + 4)}" text-anchor="end">${t === FLOOR ? '−100' : t} %</text>`,
        )
        .join('');
      const zone = `<rect class="exhausted" x="${f1(left)}" y="${f1(y(0))}" width="${f1(right - left)}" height="${f1(y(FLOOR) - y(0))}"/><text class="faint" x="${f1(right - 4)}" y="${f1(y(0) + 14)}" text-anchor="end">exhausted</text>`;
      const first = s.burn_down[0]?.date ?? '';
      return `<g><title>${esc(s.service)}: ${esc(status)}${end ? ` on ${esc(end.date)}` : ''}</title>${zone}${ticks}<polyline fill="none" stroke="${colour}" stroke-width="2.5" points="${points}"/><text x="${f1(px + 8)}" y="${f1(py + 16)}" class="name" fill="${colour}">${esc(s.service.slice(0, 28))}</text><text x="${f1(right)}" y="${f1(py + 16)}" text-anchor="end" fill="${colour}">${esc(status)}</text><text x="${f1(left)}" y="${f1(bottom + 16)}">${esc(shortDate(first))}</text><text x="${f1(right)}" y="${f1(bottom + 16)}" text-anchor="end">${esc(shortDate(end?.date ?? ''))}</text></g>`;
    })
    .join('');
  return svg('chart-budget', 'Error budget burn-down per service', rows * panelH, panels);
}
