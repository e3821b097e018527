// The floor under the cold-start figure: the least an action on this stack (@actions/core, zod,
// undici) loads before its first request. run.mjs bundles it with ncc, as dist/ is bundled, and
// starts it the way the runner starts dist/index.js.
import * as core from '@actions/core';
import { request } from 'undici';
import { z } from 'zod';

const url = z.url().parse(core.getInput('url'));
const res = await request(url);
await res.body.text();
