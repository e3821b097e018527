/**
 * The one list main, post and monitor mask: every secret of every service of a run, from every
 * endpoint group, not only the first service's first group.
 */
import { runSecrets } from '../../src/secrets/collect-secrets.js';
import { parseServiceConfig } from '../../src/settings/load-config.js';
import { resolveService } from '../../src/settings/resolve-service.js';
import { serviceSettings } from '../../src/settings/service-settings.js';

const env = {
  API_TOKEN: 'api-token-0123456789',
  SEARCH_KEY: 'search-key-abcdef012',
  WEB_TOKEN: 'web-token-9876543210',
};

const CONFIG = `services:
  - name: api
    base_url: https://api.example.com
    headers: { Authorization: "Bearer \${API_TOKEN}" }
    endpoints:
      - /healthz
      - { path: /search, expected_status: 204, headers: { X-Search-Key: "\${SEARCH_KEY}" } }
  - name: web
    base_url: https://web.example.com
    health_endpoint: /up
    headers: { X-Api-Key: "\${WEB_TOKEN}" }
`;

describe('runSecrets', () => {
  it("masks the second group's and the second service's secrets too, each once", async () => {
    const file = parseServiceConfig(CONFIG, 'deploy-gate.yml', { env });
    const services = await Promise.all(
      file.services.map(async (s) => {
        const resolved = await resolveService(s, { actionInputs: {} });
        return serviceSettings(resolved.groups, { name: resolved.name });
      }),
    );
    expect(services.map((s) => s.groups.length)).toEqual([2, 1]);
    const secrets = runSecrets(services, {});
    expect(secrets).toEqual(
      expect.arrayContaining([`Bearer ${env.API_TOKEN}`, env.SEARCH_KEY, env.WEB_TOKEN]),
    );
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});
