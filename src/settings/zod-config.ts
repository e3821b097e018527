/**
 * Imported first by the entries. zod compiles each object schema to a function (new Function) on
 * its first parse; a step parses each schema only a few times, so compiling costs more than it
 * saves (about 5 ms before the first request, measured). Must run before any schema is parsed.
 */
import { z } from 'zod';

z.config({ jitless: true });
