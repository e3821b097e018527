/**
 * The service model every room after the settings reads: a service with its name, its
 * service-wide settings (Fly, rollback, metrics, evidence, deployments, notifications, secrets)
 * and its endpoint groups, each with its own request, expectations and policy.
 */
import type { Policy } from '../gate/types.js';
import type { NotJudged } from './service-config.js';
import type { RequestSettings, ResponseExpectations } from '../probe/expectations.js';
import type { Settings } from './settings.js';

export interface EndpointGroup {
  /** The endpoints' labels from a config file (`health`, `search`); empty for the `url` input. */
  endpoints: string[];
  urls: string[];
  request: RequestSettings;
  expect: ResponseExpectations;
  policy: Policy;
}

export interface ServiceSettings extends Omit<Settings, 'urls' | 'request' | 'expect' | 'policy'> {
  /** Set for the services of a config file; a plain `url` gate has none. */
  name?: string;
  /** At least one. */
  groups: EndpointGroup[];
  /** How the settings were read: which SLO set max-error-rate, fitted defaults, fly.toml's checks. */
  notes: string[];
  /** Fields the file keeps for other tools: recorded and listed, never judged. */
  notJudged: NotJudged[];
}

/** The parts of one group's Settings that belong to the service as a whole. */
const SERVICE_WIDE = [
  'fly',
  'rollback',
  'metrics',
  'evidence',
  'deployments',
  'notify',
  'runbookUrl',
] as const;

/**
 * One service from its endpoint groups' validated settings. A config file lets an endpoint set
 * only endpoint fields, so every group carries the same service-wide settings; a difference is a
 * bug in the resolution, refused here rather than settled by picking one.
 */
export function serviceSettings(
  groups: ReadonlyArray<{ endpoints?: string[]; settings: Settings }>,
  about: { name?: string; notes?: string[]; notJudged?: NotJudged[] } = {},
): ServiceSettings {
  const first = groups[0]?.settings;
  if (!first) throw new Error('a service needs at least one endpoint group');
  for (const { settings } of groups.slice(1)) {
    for (const key of SERVICE_WIDE) {
      if (JSON.stringify(settings[key]) !== JSON.stringify(first[key]))
        throw new Error(`endpoint groups of one service differ in ${key}`);
    }
  }
  const wide = Object.fromEntries(
    SERVICE_WIDE.filter((key) => first[key] !== undefined).map((key) => [key, first[key]]),
  ) as Pick<Settings, (typeof SERVICE_WIDE)[number]>;
  return {
    ...(about.name !== undefined ? { name: about.name } : {}),
    ...wide,
    groups: groups.map(({ endpoints, settings }) => ({
      endpoints: endpoints ?? [],
      urls: settings.urls,
      request: settings.request,
      expect: settings.expect,
      policy: settings.policy,
    })),
    secrets: [...new Set(groups.flatMap((g) => g.settings.secrets))],
    notes: about.notes ?? [],
    notJudged: about.notJudged ?? [],
  };
}

/** How a service is named in records and logs: its config name, else its Fly app, else its host. */
export function serviceDisplayName(
  service: Pick<ServiceSettings, 'name' | 'fly' | 'groups'>,
): string {
  return service.name ?? service.fly?.app ?? new URL(serviceUrls(service)[0] as string).host;
}

/** Every URL the service probes, across its groups. */
export function serviceUrls(service: { groups: readonly Pick<EndpointGroup, 'urls'>[] }): string[] {
  return service.groups.flatMap((g) => g.urls);
}
