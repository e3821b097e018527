/**
 * The main step: read and validate the inputs, run the gate, report. All decisions live in
 * gate/; this file only connects the runner (@actions/core) to them.
 */
import * as core from '@actions/core';
import { realClock } from './gate/clock.js';
import { runGate, type GateResult } from './gate/run-gate.js';
import { probeUrl } from './probe/http-probe.js';
import { gateOutputs, type StepVerdict } from './report/outputs.js';
import { gateSection, verdictHeadline } from './report/gate-summary.js';
import { InputError, parseInputs, readInputs } from './settings/parse-inputs.js';
import type { Settings } from './settings/settings.js';

/** The runner cancels with SIGINT, then SIGTERM: both end the gate with what it recorded. */
function cancellationSignal(): AbortSignal {
  const controller = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.once(name, () => controller.abort(new Error(`received ${name}`)));
  }
  return controller.signal;
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const startedAt = Date.now();
  let settings: Settings;
  try {
    settings = parseInputs(readInputs(env));
  } catch (error) {
    const message =
      error instanceof InputError ? error.message : `Could not read the inputs: ${String(error)}`;
    finish('error', message, undefined, Date.now() - startedAt);
    core.setFailed(message);
    return;
  }
  for (const secret of settings.secrets) core.setSecret(secret);

  const signal = cancellationSignal();
  let gate: GateResult;
  try {
    core.info(
      `deploy-gate: probing ${settings.urls.length} URL(s) after ${settings.policy.initialDelayMs} ms of grace`,
    );
    gate = await runGate(
      {
        urls: settings.urls,
        method: settings.request.method,
        policy: settings.policy,
        run: 'release',
        ...(settings.expect.version ? { expectedVersion: settings.expect.version.expected } : {}),
      },
      {
        clock: realClock,
        signal,
        probe: (url, { timeoutMs, signal: probeSignal }) =>
          probeUrl(url, {
            request: settings.request,
            expect: settings.expect,
            maxLatencyMs: settings.policy.maxLatencyMs,
            timeoutMs,
            signal: probeSignal,
          }),
        onAttempt: (a) =>
          core.info(
            `#${a.seq} ${a.phase} ${a.url} -> ${a.ok ? `ok ${a.status}` : `${a.failure?.class}: ${a.failure?.message}`} in ${Math.round(a.latencyMs)} ms`,
          ),
      },
    );
  } catch (error) {
    const message = `deploy-gate stopped on an internal error before a verdict: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    finish('error', message, undefined, Date.now() - startedAt);
    core.setFailed(message);
    return;
  }

  const verdict: StepVerdict = gate.verdict;
  finish(verdict, gate.reason, gate, Date.now() - startedAt);
  await core.summary
    .addRaw(verdictHeadline(verdict, gate.reason))
    .addRaw(gateSection({ title: 'Release under test', result: gate, policy: settings.policy }))
    .write();
  for (const u of gate.urls.filter((x) => x.assessment.status === 'unhealthy').slice(0, 10)) {
    core.error(u.assessment.decidedBy?.message ?? 'unhealthy', {
      title: `deploy-gate: ${u.url} is unhealthy`,
    });
  }
  if (verdict !== 'healthy') core.setFailed(`deploy-gate: ${verdict}: ${gate.reason}`);
}

function finish(
  verdict: StepVerdict,
  reason: string,
  gate: GateResult | undefined,
  durationMs: number,
): void {
  for (const [name, value] of Object.entries(gateOutputs(verdict, reason, gate, durationMs)))
    core.setOutput(name, value);
}
