import {
  FLY_EDGE_RESPONSE_TIME_BUCKET,
  FLY_EDGE_RESPONSES,
  SERVER_ERROR_STATUS,
  flyEdgeQueries,
  flyPrometheusBaseUrl,
  promqlString,
} from '../../src/metrics/fly-edge.js';

describe('flyPrometheusBaseUrl', () => {
  it('points at the org on Fly managed Prometheus', () => {
    expect(flyPrometheusBaseUrl('acme')).toBe('https://api.fly.io/prometheus/acme');
    expect(flyPrometheusBaseUrl(' personal ')).toBe('https://api.fly.io/prometheus/personal');
  });

  it('encodes a slug that is not URL-safe', () => {
    expect(flyPrometheusBaseUrl('a/b c')).toBe('https://api.fly.io/prometheus/a%2Fb%20c');
  });

  it('refuses an empty slug', () => {
    expect(() => flyPrometheusBaseUrl('  ')).toThrow(/orgSlug must not be empty/);
  });
});

describe('flyEdgeQueries', () => {
  const q = flyEdgeQueries('my-app');

  it('uses the edge metric names docs/INTERFACES.md gives', () => {
    expect(FLY_EDGE_RESPONSES).toBe('fly_edge_http_responses_count');
    expect(FLY_EDGE_RESPONSE_TIME_BUCKET).toBe('fly_edge_http_response_time_seconds_bucket');
  });

  it('counts requests of the app over $window', () => {
    expect(q.requestCount).toBe(
      'sum(increase(fly_edge_http_responses_count{app="my-app"}[$window]))',
    );
  });

  it('divides 5xx by all responses, reading "no 5xx series" as 0', () => {
    const all = 'sum(increase(fly_edge_http_responses_count{app="my-app"}[$window]))';
    const errors =
      'sum(increase(fly_edge_http_responses_count{app="my-app",status=~"5[0-9][0-9]|5xx"}[$window]))';
    expect(q.errorRate).toBe(`(${errors} or ${all} * 0) / ${all}`);
  });

  it('takes the p95 of the edge response-time histogram', () => {
    expect(q.latency).toBe(
      'histogram_quantile(0.95, sum by (le) (increase(fly_edge_http_response_time_seconds_bucket{app="my-app"}[$window])))',
    );
  });

  it.each([
    ['500', true],
    ['503', true],
    ['599', true],
    ['5xx', true],
    ['50', false],
    ['5000', false],
    ['404', false],
    ['4xx', false],
    ['2xx', false],
    ['x500', false],
  ])('the 5xx matcher, anchored like PromQL, says %s is a server error: %s', (status, expected) => {
    // PromQL anchors label regexes at both ends.
    expect(new RegExp(`^(?:${SERVER_ERROR_STATUS})$`).test(status)).toBe(expected);
  });

  it('escapes the app name for a PromQL string literal', () => {
    const weird = flyEdgeQueries('a"b\\c\nd');
    expect(weird.requestCount).toContain('{app="a\\"b\\\\c\\nd"}');
  });

  it('refuses an empty app name', () => {
    expect(() => flyEdgeQueries('')).toThrow(/app must not be empty/);
  });
});

describe('promqlString', () => {
  it.each([
    ['plain', '"plain"'],
    ['quo"te', '"quo\\"te"'],
    ['back\\slash', '"back\\\\slash"'],
    ['tab\there', '"tab\\there"'],
    ['cr\rlf\n', '"cr\\rlf\\n"'],
    ['bell\u0007', '"bell\\x07"'],
    ['héllo ✓', '"héllo ✓"'],
  ])('%j -> %s', (value, literal) => {
    expect(promqlString(value)).toBe(literal);
  });
});
