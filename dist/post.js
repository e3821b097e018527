// The post step's entry (action.yml runs.post): the main bundle, told it runs as the post step.
globalThis.deployGatePostStep = true;
await import('./index.js');
