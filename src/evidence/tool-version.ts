/** The tool's name and version, as recorded in audit.json (a test keeps it equal to package.json). */
export const TOOL = { name: 'deploy-gate', version: '0.1.0' } as const;
