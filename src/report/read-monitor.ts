/**
 * A monitor run's folder (monitor.json, sealed like a gate's) to what the report counts: per
 * service, the probes the run counted and how many failed. Never a deployment: these are the
 * SLO's evidence between deploys.
 */
import { errorText } from '../evidence/error-text.js';
import {
  MONITOR_RECORD_FILE,
  MONITOR_SCHEMA_VERSIONS,
  monitorRecordSchema,
  readsMonitorVersion,
} from '../monitor/monitor-record.js';
import { schemaMismatch, type RecordRead } from './read-record.js';

/** What one monitor run measured. Times are epoch ms. */
export interface MonitorFact {
  /** The folder, relative to the records root ('.' for the root itself). */
  path: string;
  startedAt: number;
  endedAt: number;
  runUrl: string | null;
  services: Array<{ service: string; probes: number; failed: number }>;
}

export async function readMonitorRecord(
  path: string,
  text: (file: string) => Promise<string | null>,
): Promise<RecordRead> {
  let json: unknown;
  try {
    json = JSON.parse((await text(MONITOR_RECORD_FILE)) ?? '');
  } catch (error) {
    return { kind: 'skipped', path, reason: `monitor.json is not JSON: ${errorText(error)}` };
  }
  const version =
    typeof json === 'object' && json !== null && 'schema_version' in json
      ? String((json as { schema_version: unknown }).schema_version)
      : 'none';
  if (!readsMonitorVersion(version))
    return {
      kind: 'skipped',
      path,
      reason: `monitor schema version ${version} (this report reads ${MONITOR_SCHEMA_VERSIONS.join(', ')})`,
    };
  const parsed = monitorRecordSchema.safeParse(json);
  if (!parsed.success)
    return { kind: 'skipped', path, reason: schemaMismatch('monitor.json', version, parsed.error) };
  const record = parsed.data;
  return {
    kind: 'monitor',
    fact: {
      path,
      startedAt: Date.parse(record.started_at),
      endedAt: Date.parse(record.ended_at),
      runUrl: record.run_url,
      services: record.services.map((s) => ({
        service: s.service,
        probes: s.probes,
        failed: Math.min(s.failed, s.probes),
      })),
    },
  };
}
