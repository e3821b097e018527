/**
 * What incident issues accept, checked before the first request: the client's options (names
 * GitHub accepts, a label the list filter can carry) and each event (a known kind and level,
 * times in order, bounded names, http(s) links only). A refusal names the input, its value and
 * what is accepted.
 */
import { quoteOutside } from '../summary/outside-text.js';
import { DEFAULT_LABEL } from './incident-marker.js';
import {
  CLOSE_REASONS,
  linkProblem,
  type IncidentContext,
  type IncidentEvent,
} from './incident-text.js';

export interface IncidentIssuesOptions {
  token: string;
  owner: string;
  repo: string;
  /** REST API base (GITHUB_API_URL); @actions/github's default when absent. */
  baseUrl?: string;
  /** The label every incident issue carries and the search filters on. Default `incident`. */
  label?: string;
  /** Injected for tests; real timers by default. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Retries after the first attempt (default 2) and the longest wait (default 60 s). */
  maxRetries?: number;
  maxWaitMs?: number;
  /** Bound on each request (default GITHUB_REQUEST_CAP_MS). */
  timeoutMs?: number;
  /** Pages of 100 open incident issues read at most when searching (default 10). */
  maxPages?: number;
  signal?: AbortSignal;
}

/** A failed (or refused) incident-issue operation; `status` is GitHub's answer when it gave one. */
export class IncidentIssueError extends Error {
  override readonly name = 'IncidentIssueError';
  constructor(
    message: string,
    readonly operation: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const LABEL_MAX = 50;
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** Service and SLO names travel whole in the marker; config names are far shorter. */
const NAME_LENGTH_MAX = 200;

function refuse(input: string, value: unknown, accepted: string): never {
  const shown = typeof value === 'string' ? quoteOutside(value) : String(value);
  throw new IncidentIssueError(
    `incident issues: ${input} ${shown} is not valid: ${accepted}`,
    'validate input',
  );
}

export function validateOptions(options: IncidentIssuesOptions): void {
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new IncidentIssueError(
      'incident issues: the token is empty: a GitHub token with `issues: write` is needed',
      'validate input',
    );
  }
  if (!NAME.test(options.owner)) refuse('owner', options.owner, 'letters, digits, `-`, `_`, `.`');
  if (!NAME.test(options.repo)) refuse('repo', options.repo, 'letters, digits, `-`, `_`, `.`');
  if (options.baseUrl !== undefined && linkProblem(options.baseUrl)) {
    refuse('baseUrl', options.baseUrl, 'an http(s) URL of the REST API');
  }
  const label = options.label ?? DEFAULT_LABEL;
  if (label.trim() === '' || label.length > LABEL_MAX || /[,\r\n]/.test(label)) {
    refuse('label', label, `1 to ${LABEL_MAX} characters, no comma or line break`);
  }
}

const KINDS = new Set(['fired', 'escalated', 'resolved', 'ongoing']);
const LEVELS = new Set(['ticket', 'page', 'none']);

export function validateEvent(
  event: IncidentEvent,
  context: IncidentContext,
  known?: number,
): void {
  if (!KINDS.has(event.kind))
    refuse('event.kind', event.kind, 'fired, escalated, resolved or ongoing');
  if (!LEVELS.has(event.level)) refuse('event.level', event.level, 'ticket, page or none');
  if (event.level === 'none' && (event.kind === 'fired' || event.kind === 'escalated')) {
    refuse('event.level', event.level, `ticket or page for a ${event.kind} event`);
  }
  if (typeof event.service !== 'string' || !event.service.trim())
    refuse('event.service', event.service, 'a service name');
  if (typeof event.slo !== 'string' || !event.slo.trim())
    refuse('event.slo', event.slo, 'an SLO name');
  for (const [input, name] of [
    ['event.service', event.service],
    ['event.slo', event.slo],
  ] as const) {
    if (name.length > NAME_LENGTH_MAX) refuse(input, name, `at most ${NAME_LENGTH_MAX} characters`);
  }
  if (!Number.isFinite(event.since)) refuse('event.since', event.since, 'epoch milliseconds');
  if (!Number.isFinite(event.at) || event.at < event.since) {
    refuse('event.at', event.at, 'epoch milliseconds, not before event.since');
  }
  if (known !== undefined && !(Number.isSafeInteger(known) && known > 0)) {
    refuse('known', known, 'a positive issue number');
  }
  for (const [input, url] of [
    ['context.runUrl', context.runUrl],
    ['context.runbookUrl', context.runbookUrl],
  ] as const) {
    if (url && linkProblem(url)) refuse(input, url, 'an http(s) URL');
  }
  const reason = context.closeReason;
  if (reason !== undefined && !Object.hasOwn(CLOSE_REASONS, reason))
    refuse('context.closeReason', reason, Object.keys(CLOSE_REASONS).join(' or '));
}
