/**
 * Turns the HTTP answer to `/api/v1/query` into a QueryOutcome. Pure: status and body in,
 * outcome out, so every shape Prometheus (or VictoriaMetrics, or a proxy) can send is testable.
 */
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import type { QueryError, QueryValue } from './query-outcome.js';

/** A sample as the API sends it: [unix seconds, "value as a string"]. */
const sampleSchema = z.tuple([z.number(), z.string()]);

const successSchema = z.object({
  status: z.literal('success'),
  data: z.discriminatedUnion('resultType', [
    z.object({
      resultType: z.literal('vector'),
      result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: sampleSchema })),
    }),
    z.object({ resultType: z.literal('scalar'), result: sampleSchema }),
    z.object({ resultType: z.literal('matrix'), result: z.array(z.unknown()) }),
    z.object({ resultType: z.literal('string'), result: sampleSchema }),
  ]),
  warnings: z.array(z.string()).optional(),
});

const apiErrorSchema = z.object({
  status: z.literal('error'),
  errorType: z.string().optional(),
  error: z.string(),
});

/** Prometheus writes special floats as Go does: "NaN", "+Inf", "-Inf" (VictoriaMetrics: "Inf"). */
export function parseSampleValue(text: string): number | undefined {
  switch (text) {
    case 'NaN':
      return Number.NaN;
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
  }
  // Number('') is 0 and Number(' 1 ') is 1: accept only what a float literal looks like.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function describeLabels(labels: Record<string, string>): string {
  const name = labels.__name__ ?? '';
  const pairs = Object.entries(labels)
    .filter(([key]) => key !== '__name__')
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return `${name}{${pairs.join(',')}}`;
}

function zodSummary(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'unexpected shape';
  const path = first.path.length > 0 ? first.path.join('.') : '(root)';
  return `${path}: ${first.message}`;
}

type Interpreted = Omit<QueryValue, 'durationMs' | 'raw'> | Omit<QueryError, 'durationMs' | 'raw'>;

function valueOutcome(
  textValue: string,
  base: { resultType: 'vector' | 'scalar'; seriesCount: number; httpStatus: number },
  extra: { labels?: Record<string, string>; warnings?: string[] },
): Interpreted {
  const value = parseSampleValue(textValue);
  if (value === undefined) {
    return {
      kind: 'error',
      errorClass: 'bad-response',
      message: `sample value ${JSON.stringify(textValue.slice(0, 40))} is not a number`,
      httpStatus: base.httpStatus,
    };
  }
  if (Number.isNaN(value)) {
    return {
      kind: 'error',
      errorClass: 'nan',
      message: 'the query returned NaN (often 0/0: no traffic in the window)',
      httpStatus: base.httpStatus,
      seriesCount: base.seriesCount,
    };
  }
  if (!Number.isFinite(value)) {
    return {
      kind: 'error',
      errorClass: 'inf',
      message: `the query returned ${value > 0 ? '+Inf' : '-Inf'} (often a division by zero)`,
      httpStatus: base.httpStatus,
      seriesCount: base.seriesCount,
    };
  }
  return {
    kind: 'value',
    value,
    ...base,
    ...(extra.labels ? { labels: extra.labels } : {}),
    ...(extra.warnings && extra.warnings.length > 0 ? { warnings: extra.warnings } : {}),
  };
}

/** Classifies one complete HTTP answer. `raw` and `durationMs` are added by the caller. */
export function interpretQueryResponse(httpStatus: number, bodyText: string): Interpreted {
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(bodyText);
  } catch {
    isJson = false;
  }

  // Prometheus sends its error envelope with 400, 422 or 503: the envelope says more than the status.
  const apiError = isJson ? apiErrorSchema.safeParse(json) : undefined;
  if (apiError?.success) {
    const { errorType, error } = apiError.data;
    return {
      kind: 'error',
      errorClass: 'api-error',
      message: `Prometheus error${errorType ? ` (${errorType})` : ''}: ${error.slice(0, 300)}`,
      ...(errorType ? { errorType } : {}),
      httpStatus,
    };
  }

  if (httpStatus < 200 || httpStatus > 299) {
    const reason = STATUS_CODES[httpStatus] ?? 'unknown status';
    const hint =
      httpStatus === 401 || httpStatus === 403 ? ' (check prometheus-token and the org slug)' : '';
    return {
      kind: 'error',
      errorClass: 'http',
      message: `HTTP ${httpStatus} ${reason} from Prometheus${hint}`,
      httpStatus,
    };
  }

  if (!isJson) {
    return {
      kind: 'error',
      errorClass: 'bad-response',
      message: 'the answer is not JSON (is prometheus-url the Prometheus API base?)',
      httpStatus,
    };
  }

  const parsed = successSchema.safeParse(json);
  if (!parsed.success) {
    return {
      kind: 'error',
      errorClass: 'bad-response',
      message: `the answer is not a Prometheus query result (${zodSummary(parsed.error)})`,
      httpStatus,
    };
  }

  const { data, warnings } = parsed.data;
  const extra = warnings ? { warnings } : {};
  switch (data.resultType) {
    case 'scalar':
      return valueOutcome(
        data.result[1],
        { resultType: 'scalar', seriesCount: 0, httpStatus },
        extra,
      );
    case 'vector': {
      const [first, ...rest] = data.result;
      if (!first) {
        return {
          kind: 'error',
          errorClass: 'empty',
          message: 'the query returned no series (metric absent or no samples in the window)',
          seriesCount: 0,
          httpStatus,
        };
      }
      if (rest.length > 0) {
        const shown = data.result.slice(0, 3).map((series) => describeLabels(series.metric));
        const more = data.result.length > 3 ? ', ...' : '';
        return {
          kind: 'error',
          errorClass: 'multiple-series',
          message: `the query returned ${data.result.length} series, expected one (aggregate with sum/max): ${shown.join(', ')}${more}`,
          seriesCount: data.result.length,
          httpStatus,
        };
      }
      return valueOutcome(
        first.value[1],
        { resultType: 'vector', seriesCount: 1, httpStatus },
        { labels: first.metric, ...extra },
      );
    }
    case 'matrix':
      return {
        kind: 'error',
        errorClass: 'bad-response',
        message:
          'the query returned a range vector (matrix); use an expression with one value, e.g. sum(rate(x[5m]))',
        httpStatus,
      };
    case 'string':
      return {
        kind: 'error',
        errorClass: 'bad-response',
        message: 'the query returned a string, expected a number',
        httpStatus,
      };
  }
}
