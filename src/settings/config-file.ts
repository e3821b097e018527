/**
 * What a run with a config file (or fly.toml) needs, YAML and TOML readers included, behind one
 * module: the bundle loads it as one chunk, and only when there is a file to read. Five separate
 * imports made five chunks, each with its own copy of the modules they share.
 */
export { loadServiceConfig } from './load-config.js';
export { matrixOutput, matrixProblems, selectService } from './matrix.js';
export { resolveServices } from './resolve-service.js';
export { flyTomlDefaults, flyTomlReader, readFlyToml } from './fly-toml.js';
