// Lets Node 24 run src/ as TypeScript (type stripping) from scripts and test helpers. src/ writes
// its specifiers as `./x.js`, as TypeScript's NodeNext resolution and ncc want; this resolve hook
// maps such a specifier, when no .js file exists, to its `./x.ts` source. Import it first.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});
