/** The test exporter itself: counters follow the injected time and the mix, in the text format. */
import { request } from 'undici';
import { startExporter, type Exporter } from '../helpers/exporter.js';

/** `name{labels}` -> value, from the exposition text. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return out;
}

let now = 0;
const clock = () => now;
const started: Exporter[] = [];

async function exporter(options: Parameters<typeof startExporter>[0]) {
  const e = await startExporter({ now: clock, ...options });
  started.push(e);
  return e;
}

beforeEach(() => {
  now = 0;
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.stop()));
});

describe('startExporter', () => {
  it('advances counters and the histogram with elapsed time at the mix', async () => {
    const e = await exporter({ mix: { rps: 100, errorRatio: 0.2, latencySeconds: 0.3 } });
    now = 10_000;
    const s = samples(e.render());
    expect(s.get('http_requests_total{code="200"}')).toBeCloseTo(800, 9);
    expect(s.get('http_requests_total{code="500"}')).toBeCloseTo(200, 9);
    expect(s.has('http_requests_total{code="404"}')).toBe(false); // no 4xx yet: no series
    expect(s.get('http_request_duration_seconds_bucket{le="0.25"}')).toBe(0);
    expect(s.get('http_request_duration_seconds_bucket{le="0.5"}')).toBeCloseTo(1000, 9);
    expect(s.get('http_request_duration_seconds_bucket{le="+Inf"}')).toBeCloseTo(1000, 9);
    expect(s.get('http_request_duration_seconds_count')).toBeCloseTo(1000, 9);
    expect(s.get('http_request_duration_seconds_sum')).toBeCloseTo(300, 9);
  });

  it('keeps counters monotonic across a mix change, and old requests keep their latency', async () => {
    const e = await exporter({ mix: { rps: 100, errorRatio: 0.2, latencySeconds: 0.3 } });
    now = 10_000;
    e.setMix({ rps: 50, errorRatio: 0, clientErrorRatio: 0.1, latencySeconds: 0.01 });
    now = 20_000;
    const s = samples(e.render());
    expect(s.get('http_requests_total{code="200"}')).toBeCloseTo(800 + 450, 9);
    expect(s.get('http_requests_total{code="404"}')).toBeCloseTo(50, 9);
    expect(s.get('http_requests_total{code="500"}')).toBeCloseTo(200, 9); // stays, series kept
    expect(s.get('http_request_duration_seconds_bucket{le="0.01"}')).toBeCloseTo(500, 9);
    expect(s.get('http_request_duration_seconds_bucket{le="0.25"}')).toBeCloseTo(500, 9);
    expect(s.get('http_request_duration_seconds_bucket{le="0.5"}')).toBeCloseTo(1500, 9);
    expect(s.get('http_request_duration_seconds_sum')).toBeCloseTo(300 + 5, 9);
  });

  it('without traffic, exposes no request series and an all-zero histogram', async () => {
    const e = await exporter({});
    now = 60_000;
    const s = samples(e.render());
    expect([...s.keys()].filter((k) => k.startsWith('http_requests_total'))).toEqual([]);
    expect(s.get('http_request_duration_seconds_bucket{le="+Inf"}')).toBe(0);
    expect(s.get('http_request_duration_seconds_count')).toBe(0);
  });

  it.each([
    ['code', '500', '200'],
    ['class', '5xx', '2xx'],
  ] as const)(
    'exposes Fly edge series with status as a %s',
    async (statusStyle, errorStatus, okStatus) => {
      const e = await exporter({
        mix: { rps: 10, errorRatio: 0.5, latencySeconds: 0.05 },
        flyEdge: { app: 'my-app', statusStyle, noisyNeighbour: 'other' },
      });
      now = 2_000;
      const s = samples(e.render());
      const base = `app="my-app",region="ams",host="edge-1"`;
      expect(s.get(`fly_edge_http_responses_count{${base},status="${errorStatus}"}`)).toBeCloseTo(
        10,
        9,
      );
      expect(s.get(`fly_edge_http_responses_count{${base},status="${okStatus}"}`)).toBeCloseTo(
        10,
        9,
      );
      expect(
        s.get(`fly_edge_http_response_time_seconds_bucket{${base},status="${okStatus}",le="0.05"}`),
      ).toBeCloseTo(10, 9);
      expect(
        s.get(
          `fly_edge_http_response_time_seconds_bucket{${base},status="${okStatus}",le="0.025"}`,
        ),
      ).toBe(0);
      // The neighbour: all 5xx at 50 rps.
      const other = `app="other",region="ams",host="edge-1",status="${errorStatus}"`;
      expect(s.get(`fly_edge_http_responses_count{${other}}`)).toBeCloseTo(100, 9);
    },
  );

  it('escapes label values in the exposition format', async () => {
    const e = await exporter({
      mix: { rps: 1, errorRatio: 0, latencySeconds: 0.01 },
      flyEdge: { app: 'a"b\\c\nd', statusStyle: 'code' },
    });
    expect(e.render()).toContain('app="a\\"b\\\\c\\nd"');
  });

  it('serves /metrics over HTTP on 127.0.0.1 and counts scrapes', async () => {
    const e = await exporter({ mix: { rps: 1, errorRatio: 0, latencySeconds: 0.01 } });
    expect(e.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const response = await request(e.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.body.text()).toContain('# TYPE http_requests_total counter');
    const other = await request(e.url.replace('/metrics', '/other'));
    await other.body.dump();
    expect(other.statusCode).toBe(404);
    expect(e.scrapes()).toBe(1);
  });
});
