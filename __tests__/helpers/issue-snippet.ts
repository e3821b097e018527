/**
 * The matrix from the issue, byte for byte. It lives in a string because the repository's
 * formatter would respace a .yml fixture's flow mappings (`{ a: 1 }`); this is how teams write it.
 */
export const ISSUE_SNIPPET = `service: dashboard
health_endpoint: /healthz
build_endpoint: /__build
slo_targets: {availability: 99.9%, response_time_p95: 500ms, error_rate: <1%}
monitoring: {interval: 15s, timeout: 2s, grace_period: 30s}
`;
