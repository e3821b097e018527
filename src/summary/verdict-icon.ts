/** The icon that stands before a verdict or a URL's status everywhere in the summary. */

const ICON: Record<string, string> = {
  healthy: '✅',
  unhealthy: '❌',
  'rolled-back': '❌',
  'rollback-failed': '🚨',
  cancelled: '⚪',
  error: '⛔',
  starting: '⏳',
  observing: '⏳',
};

export function verdictIcon(verdict: string): string {
  return ICON[verdict] ?? '❗';
}
