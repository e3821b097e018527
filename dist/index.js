// The main step's entry (action.yml runs.main), kept tiny and free of modern syntax so that any
// Node can read it. It refuses an older Node in one line (the bundle's libraries would crash at
// load with a TypeError nobody can act on), then takes SIGINT/SIGTERM before anything loads: a
// runner that cancels in the first moments must still get a recorded, cancelled verdict.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stdout.write(
    '::error title=deploy-gate needs Node 24::deploy-gate needs Node 24 (action.yml runs.using: node24); found ' +
      process.version +
      '\n',
  );
  process.exit(1);
}
if (globalThis.deployGatePostStep !== true) {
  const cancel = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM']) {
    process.once(name, () => cancel.abort(new Error('received ' + name)));
  }
  globalThis.deployGateCancel = cancel;
  // For the debug log (and tests): from here on a cancel is recorded, not fatal.
  process.stdout.write(
    '::debug::deploy-gate: cancellation handled from here on (' + process.version + ')\n',
  );
}
await import('./bundle.js');
