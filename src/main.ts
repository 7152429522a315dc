import { loadApiConfig } from './api-config.js';
import { loadConfig } from './config.js';
import { closeOnSignals, startServer } from './server.js';

/** `node dist/src/main.js`: the server alone, configured from the environment (same as `zhengxin serve`). */
const log = (line: string) => process.stderr.write(line + '\n');
const server = await startServer({ config: loadConfig(process.env), api: loadApiConfig(process.env), log });
log(`zhengxin report API listening on ${server.url}`);
await closeOnSignals(server, log);
