/**
 * `slo_targets` as teams write them, turned into the action's policy inputs:
 *
 *   availability: 99.9%         → max-error-rate 0.1   (only when error_rate is not given)
 *   error_rate: <1%             → max-error-rate 1
 *   response_time_p95: 500ms    → latency-slo p95<500ms (all percentiles joined: p95<500ms,p99<1s)
 *
 * Why error_rate wins over availability: both end up as the one number the gate judges (the
 * tolerated share of failed probes), and error_rate states it directly. An availability target is
 * usually a long-run objective (a month's error budget); judged over a few minutes of probes with
 * a 95% confidence bound, 99.9% means one failed probe among the first few hundred fails the gate.
 * When a team writes both, the explicit error_rate is the gate's tolerance and a note says so.
 */
import { parseDuration } from '../gate/duration.js';
import { NOT_JUDGED_FIELDS, PERCENTILE_KEY } from './file-fields.js';

export interface SloProblem {
  /** The key under slo_targets. */
  key: string;
  message: string;
}

/** The targets as numbers, for the report's compliance and error budgets. */
export interface SloTargets {
  /** Percent, e.g. 99.9. */
  availability?: number;
  /** Percent of failed requests tolerated, e.g. 1. */
  errorRate?: number;
  /** Latency objectives of every endpoint, lowest percentile first. */
  latency: Array<{ key: string; percentile: number; limitMs: number }>;
}

/** `latency-slo` of one named endpoint (`search_response_time_p90: 5000ms` → `p90<5000ms`). */
export interface EndpointObjectives {
  value: string;
  keys: string[];
}

export interface SloInputs {
  'max-error-rate'?: { value: string; key: string };
  'latency-slo'?: { value: string; keys: string[] };
  /** By endpoint name: objectives written with the endpoint's name in front. */
  endpoints: Record<string, EndpointObjectives>;
  notes: string[];
  problems: SloProblem[];
  targets: SloTargets;
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const ERROR_RATE = new RegExp(String.raw`^(?:<=?|≤)?\s*${NUMBER}\s*(%?)$`);
const AVAILABILITY = new RegExp(String.raw`^(?:>=?|≥)?\s*${NUMBER}\s*(%?)$`);
const LATENCY = /^(?:<=?|≤)?\s*(.+)$/;

/** 0.1 rather than 0.09999999999999432. */
function plain(n: number): string {
  return String(Number(n.toFixed(6)));
}

function errorRate(value: string | number): number | string {
  const m = ERROR_RATE.exec(String(value).trim());
  const n = Number(m?.[1]);
  if (!m || !(n >= 0 && n <= 100))
    return 'is not an error rate; accepted: a percentage from 0 to 100, e.g. <1%, 1% or 0.5';
  return n;
}

function availability(value: string | number): number | string {
  const text = String(value).trim();
  const m = AVAILABILITY.exec(text);
  const n = Number(m?.[1]);
  if (!m || !(n > 0 && n <= 100))
    return 'is not an availability; accepted: a percentage above 0 up to 100, e.g. 99.9%';
  // 0.999 is a fraction someone meant as 99.9%, or 0.999 percent: too ambiguous to guess.
  if (m[2] === '' && n <= 1)
    return 'is ambiguous (a fraction or a percent?); accepted: a percentage with %, e.g. 99.9%';
  return n;
}

function latencyLimit(value: string | number): string | undefined {
  if (typeof value === 'number') return value > 0 ? `${value}s` : undefined;
  const limit = LATENCY.exec(value.trim())?.[1]?.trim() ?? '';
  const ms = parseDuration(limit);
  return ms !== undefined && ms > 0 ? limit.replace(/\s+/g, '') : undefined;
}

export function sloInputs(targets: Record<string, string | number>): SloInputs {
  const out: SloInputs = { endpoints: {}, notes: [], problems: [], targets: { latency: [] } };
  type Objective = { percentile: number; text: string; key: string; ms: number };
  const objectives: Objective[] = [];
  const byEndpoint = new Map<string, Objective[]>();
  let rate: number | undefined;
  let avail: number | undefined;

  for (const [key, value] of Object.entries(targets)) {
    if (key === 'error_rate') {
      const parsed = errorRate(value);
      if (typeof parsed === 'string') out.problems.push({ key, message: parsed });
      else rate = parsed;
      continue;
    }
    if (key === 'availability') {
      const parsed = availability(value);
      if (typeof parsed === 'string') out.problems.push({ key, message: parsed });
      else avail = parsed;
      continue;
    }
    // Not judged by the gate; the loader records it.
    if (`slo_targets.${key}` in NOT_JUDGED_FIELDS) continue;
    const match = PERCENTILE_KEY.exec(key);
    const percentile = match?.[2];
    if (percentile === undefined) {
      out.problems.push({
        key,
        message:
          'is not a known target; accepted: availability, error_rate, response_time_pNN (e.g. response_time_p95, latency_p99)',
      });
      continue;
    }
    const p = Number(percentile);
    const limit = latencyLimit(value);
    if (!(p > 0 && p < 100)) {
      out.problems.push({ key, message: 'names a percentile outside 0-100 (exclusive)' });
    } else if (limit === undefined) {
      out.problems.push({
        key,
        message: 'is not a latency limit; accepted: a duration above 0, e.g. 500ms, 2s or <1s',
      });
    } else {
      const ms = parseDuration(limit) as number;
      const objective = { percentile: p, text: `p${percentile}<${limit}`, key, ms };
      const endpoint = match?.[1];
      if (endpoint === undefined) objectives.push(objective);
      else byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), objective]);
    }
  }

  if (avail !== undefined) out.targets.availability = avail;
  if (rate !== undefined) out.targets.errorRate = rate;
  if (rate !== undefined) {
    out['max-error-rate'] = { value: plain(rate), key: 'error_rate' };
    if (avail !== undefined) {
      out.notes.push(
        `slo_targets: error_rate ${plain(rate)}% sets max-error-rate; availability ${plain(avail)}% is a long-run objective and is not judged separately`,
      );
    }
  } else if (avail !== undefined) {
    out['max-error-rate'] = { value: plain(100 - avail), key: 'availability' };
    out.notes.push(
      `slo_targets: availability ${plain(avail)}% sets max-error-rate ${plain(100 - avail)}% (no error_rate given)`,
    );
  }
  const joined = (list: Objective[]): EndpointObjectives => {
    list.sort((a, b) => a.percentile - b.percentile);
    return { value: list.map((o) => o.text).join(','), keys: list.map((o) => o.key) };
  };
  for (const [endpoint, list] of byEndpoint) out.endpoints[endpoint] = joined(list);
  if (objectives.length > 0) {
    out['latency-slo'] = joined(objectives);
    out.targets.latency = objectives.map((o) => ({
      key: o.key,
      percentile: o.percentile,
      limitMs: o.ms,
    }));
  }
  return out;
}
