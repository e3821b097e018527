// The fake flyctl's world: the JSON state file, its lock, and builders for realistic
// releases and machines. Shared by the fake CLI (./flyctl), the test helpers and the
// README demo, so there is one idea of what "a release" looks like.
//
// Plain ESM JavaScript without dependencies: it runs on any Node >= 20.
//
// State file format (all keys optional unless marked):
// {
//   "tokens": ["FlyV1 fm2_..."],       // accepted tokens; a "FlyV1 " prefix is optional on both sides
//   "apps": {
//     "<name>": {                        // required per app: name, releases, machines
//       "name": "<name>", "id": "...", "hostname": "<name>.fly.dev",
//       "org": { "ID", "Slug", "Name", "PaidPlan" },
//       "releases": [ <release, PascalCase as `flyctl releases --json` prints it> ],
//       "machines": [ <machine, snake_case as `flyctl machines list --json` prints it> ],
//       "deploy": "ok" | "fail" | "hang",  // how the next deploys behave (default "ok")
//       "deployDelayMs": 0,                 // time a deploy spends "waiting for health checks"
//       "deployError": "...",               // stderr message for "fail" (default: a health-check timeout)
//       "deployEffect": "ok" | "release-failed" | "no-cutover" | "machines-kept",
//                                           // what Fly does while flyctl exits 0 (default "ok": the
//                                           // machines move); the others leave the machines on their image
//       "deployLeavesChildMs": 0            // a deploy leaves a setsid()ed helper holding stdout this long
//     }
//   },
//   "hooks": [                           // "a newer deploy lands while the gate runs"
//     { "command": "releases" | "status" | "machines list" | "deploy",
//       "call": 2,                       // fires just before the 2nd call of that command is answered
//       "app": "<name>",                 // optional: only calls for this app count toward a match
//       "addRelease": { "imageRef": "...", "status": "complete", "user": "someone@example.com",
//                       "machines": 1 },  // machines: with status "running", how many moved so far
//       "settle": "complete" | "failed",  // optional: the release still rolling out finishes
//       "setDeploy": "ok" | "fail" | "hang",   // optional: change the app's deploy behaviour
//       "fired": true }                  // written by the fake once the hook ran (fires once)
//   ],
//   "calls": { "<app> <command>": 3 }    // written by the fake: invocation counters per app and command
// }
//
// Writers take a lock (a directory next to the file) and replace the file atomically, so
// concurrent fake invocations and a test rewriting the state never lose an update.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DEFAULT_BASE_TIME = Date.parse('2026-10-01T09:00:00Z');
const STALE_LOCK_MS = 2_000;
const LOCK_WAIT_MS = 15_000;

/** Deterministic pseudo-random bytes: the fake's data is reproducible from its inputs. */
function bytesFor(seed) {
  return createHash('sha256').update(String(seed)).digest();
}

function hexFor(seed, length) {
  return bytesFor(seed).toString('hex').slice(0, length);
}

/** A ULID (as Fly's deployment tags use): 10 chars of millisecond time, 16 of randomness. */
export function ulid(timeMs, seed) {
  let time = '';
  let t = Math.floor(timeMs);
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = [...bytesFor(seed).subarray(0, 16)].map((b) => CROCKFORD[b % 32]).join('');
  return time + random;
}

/** `registry.fly.io/<app>:deployment-01J...`, the image ref `flyctl deploy` pushes. */
export function deploymentImageRef(app, timeMs, seed = `${app}:${timeMs}`) {
  return `registry.fly.io/${app}:deployment-${ulid(timeMs, seed)}`;
}

/** The parts of an image ref as a machine's `image_ref` object reports them. */
export function splitImageRef(ref) {
  const at = ref.indexOf('@');
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const digest = at >= 0 ? ref.slice(at + 1) : `sha256:${hexFor(ref, 64)}`;
  const slash = named.indexOf('/');
  const first = slash >= 0 ? named.slice(0, slash) : '';
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  const registry = hasRegistry ? first : 'docker-hub-mirror.fly.io';
  let rest = hasRegistry ? named.slice(slash + 1) : named;
  if (!hasRegistry && !rest.includes('/')) rest = `library/${rest}`;
  const colon = rest.lastIndexOf(':');
  const repository = colon >= 0 ? rest.slice(0, colon) : rest;
  const tag = colon >= 0 ? rest.slice(colon + 1) : at >= 0 ? '' : 'latest';
  return { registry, repository, tag, digest, labels: {} };
}

const STRATEGIES = {
  canary: 'CANARY',
  rolling: 'ROLLING',
  bluegreen: 'BLUEGREEN',
  immediate: 'IMMEDIATE',
};

/** One release, keys in the order `flyctl releases --json` prints them. */
export function makeRelease({
  app,
  version,
  imageRef,
  status = 'complete',
  createdAt,
  strategy = 'rolling',
  user = 'deployer@example.com',
  description = 'Release',
  reason = 'deploy',
}) {
  const createdMs = createdAt ? Date.parse(createdAt) : DEFAULT_BASE_TIME + version * 600_000;
  return {
    ID: `rel_${hexFor(`${app}:release:${version}`, 20)}`,
    Version: version,
    Stable: status === 'complete',
    InProgress: status === 'running' || status === 'pending',
    Reason: reason,
    Description: description,
    Status: status,
    DeploymentStrategy: STRATEGIES[strategy] ?? String(strategy).toUpperCase(),
    Metadata: null,
    User: {
      ID: `usr_${hexFor(user, 12)}`,
      Name: user.split('@')[0],
      Email: user,
    },
    EvaluationID: '',
    CreatedAt: new Date(createdMs).toISOString().replace('.000Z', 'Z'),
    ImageRef: imageRef ?? deploymentImageRef(app, createdMs, `${app}:image:${version}`),
  };
}

const REGIONS = ['iad', 'ams', 'sin', 'syd', 'gru'];
const WORDS = ['icy', 'bold', 'quiet', 'rough', 'damp', 'misty', 'proud', 'young'];
const NOUNS = ['water', 'forest', 'field', 'sun', 'pine', 'river', 'snow', 'moon'];

/** One machine, keys in the order `flyctl machines list --json` prints them, running `release`. */
export function makeMachine({ app, index, release, region = REGIONS[index % REGIONS.length] }) {
  const seed = `${app}:machine:${index}`;
  const bytes = bytesFor(seed);
  const created = release.CreatedAt;
  const createdMs = Date.parse(created);
  const id = hexFor(seed, 14);
  return {
    id,
    name: `${WORDS[bytes[0] % WORDS.length]}-${NOUNS[bytes[1] % NOUNS.length]}-${1000 + (bytes.readUInt16BE(2) % 9000)}`,
    state: 'started',
    region,
    image_ref: splitImageRef(release.ImageRef),
    instance_id: ulid(createdMs, `${seed}:instance:${release.Version}`),
    private_ip: `fdaa:9:1e2b:a7b:${bytes[4].toString(16)}:${bytes[5].toString(16)}:${bytes[6].toString(16)}:2`,
    created_at: created,
    updated_at: created,
    config: {
      image: release.ImageRef,
      env: { PRIMARY_REGION: REGIONS[0] },
      guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
      services: [
        {
          protocol: 'tcp',
          internal_port: 8080,
          ports: [
            { port: 80, handlers: ['http'], force_https: true },
            { port: 443, handlers: ['http', 'tls'] },
          ],
        },
      ],
      checks: {},
      metadata: {
        fly_release_version: String(release.Version),
        fly_release_id: release.ID,
        fly_process_group: 'app',
        fly_platform_version: 'v2',
      },
    },
    events: [
      { type: 'launch', status: 'created', source: 'user', timestamp: createdMs },
      { type: 'start', status: 'started', source: 'flyd', timestamp: createdMs + 1200 },
    ],
    checks: [
      {
        name: 'servicecheck-00-http-8080',
        status: 'passing',
        output: 'Success',
        updated_at: created,
      },
    ],
    host_status: 'ok',
  };
}

/** Moves a machine onto `release` the way a deploy's update does. */
export function updateMachine(machine, release, { healthy, atMs }) {
  const at = new Date(atMs).toISOString();
  machine.image_ref = splitImageRef(release.ImageRef);
  machine.instance_id = ulid(atMs, `${machine.id}:instance:${release.Version}`);
  machine.updated_at = at;
  machine.state = 'started';
  machine.config.image = release.ImageRef;
  machine.config.metadata = {
    ...(machine.config.metadata ?? {}),
    fly_release_version: String(release.Version),
    fly_release_id: release.ID,
  };
  machine.events = [
    ...(machine.events ?? []),
    { type: 'update', status: 'replaced', source: 'user', timestamp: atMs },
    { type: 'start', status: 'started', source: 'flyd', timestamp: atMs + 900 },
  ];
  machine.checks = (machine.checks ?? []).map((check) => ({
    ...check,
    status: healthy ? 'passing' : 'critical',
    output: healthy ? 'Success' : 'connect: connection refused',
    updated_at: at,
  }));
}

/**
 * An app with `releases` releases (v1..vN, all complete unless `statuses` says otherwise,
 * e.g. { 42: 'failed' }) and `machines` machines running the newest complete one.
 */
export function makeApp({
  name,
  releases = 3,
  machines = 2,
  statuses = {},
  images = {},
  orgSlug = 'acme',
  baseTime,
}) {
  const list = [];
  for (let version = 1; version <= releases; version += 1) {
    const createdAt =
      baseTime === undefined
        ? undefined
        : new Date(Date.parse(baseTime) + version * 600_000).toISOString();
    list.push(
      makeRelease({
        app: name,
        version,
        status: statuses[version] ?? 'complete',
        imageRef: images[version],
        createdAt,
      }),
    );
  }
  list.reverse();
  const app = {
    name,
    id: name,
    hostname: `${name}.fly.dev`,
    org: {
      ID: `org_${hexFor(orgSlug, 10)}`,
      Slug: orgSlug,
      Name: `${orgSlug} inc`,
      PaidPlan: true,
    },
    releases: list,
    machines: [],
    deploy: 'ok',
    deployDelayMs: 0,
  };
  const running = currentRelease(app);
  if (running) {
    for (let index = 0; index < machines; index += 1) {
      app.machines.push(makeMachine({ app: name, index, release: running }));
    }
  }
  return app;
}

/** A whole state file's content. */
export function makeState({ tokens = [], apps = [], hooks = [] } = {}) {
  return {
    tokens,
    apps: Object.fromEntries(apps.map((app) => [app.name, app])),
    hooks,
    calls: {},
  };
}

/** Releases newest first. */
export function sortedReleases(app) {
  return [...app.releases].sort((a, b) => b.Version - a.Version);
}

/** The app's current release: the newest complete one (else the newest of any status). */
export function currentRelease(app) {
  const sorted = sortedReleases(app);
  return sorted.find((release) => release.Status === 'complete') ?? sorted[0];
}

/**
 * Records a new release (version = max + 1), as a deploy or someone else's deploy does.
 * Machines move to it when it completed or failed its checks (bluegreen removes failed ones).
 */
export function addRelease(
  app,
  { imageRef, status = 'complete', strategy = 'rolling', user, atMs = Date.now(), machines } = {},
) {
  const version = app.releases.reduce((max, release) => Math.max(max, release.Version), 0) + 1;
  const release = makeRelease({
    app: app.name,
    version,
    imageRef:
      imageRef ?? deploymentImageRef(app.name, atMs, `${app.name}:image:${version}:${atMs}`),
    status,
    strategy,
    user,
    createdAt: new Date(atMs).toISOString(),
  });
  app.releases.unshift(release);
  settleRelease(app, release, status, { strategy, atMs });
  // A rolling deploy in progress: the first `machines` machines already run the new release.
  if (machines !== undefined && release.InProgress) {
    for (const machine of app.machines.slice(0, machines))
      updateMachine(machine, release, { healthy: true, atMs });
  }
  return release;
}

/** Sets a release's final status and moves the machines accordingly. */
export function settleRelease(
  app,
  release,
  status,
  { strategy = 'rolling', atMs = Date.now() } = {},
) {
  release.Status = status;
  release.Stable = status === 'complete';
  release.InProgress = status === 'running' || status === 'pending';
  const machinesMove = status === 'complete' || (status === 'failed' && strategy !== 'bluegreen');
  if (machinesMove) {
    for (const machine of app.machines) {
      updateMachine(machine, release, { healthy: status === 'complete', atMs });
    }
  }
}

/** Reads and parses the state file. */
export function readState(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Writes the whole state atomically (temp file + rename). */
export function writeState(path, state) {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, path);
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `change(state)` under the state lock and saves the result; returns what `change` returns. */
export function updateState(path, change) {
  const lock = `${path}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        // A writer killed mid-update (SIGKILL) leaves its lock behind.
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS)
          rmSync(lock, { recursive: true, force: true });
      } catch {
        // The lock vanished between the two calls: just retry.
      }
      if (Date.now() - started > LOCK_WAIT_MS)
        throw new Error(`fake flyctl: state lock ${lock} is stuck`, { cause: error });
      sleepSync(5);
    }
  }
  try {
    const state = readState(path);
    const result = change(state);
    writeState(path, state);
    return result;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
