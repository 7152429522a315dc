import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { createAccount, findAccount } from '../accounts/accounts.js';
import type { SecretBox } from '../accounts/secrets.js';
import { documentedCompanies } from '../companies/demo-companies.js';
import { ensureDemoData } from '../companies/demo-data.js';
import type { Schema } from '../db/schema.js';
import { loadApiConfig } from '../api-config.js';
import { readDocsFile } from '../ops/docs-page.js';
import { closeOnSignals, startServer } from '../server.js';
import { parseServeRole, type ServeRole } from '../roles.js';
import { UsageError, type Command } from './command.js';

export const DEMO_ACCOUNT_FILE_NAME = 'demo-account.json';
const DEMO_ACCOUNT_NAME = '演示账户 (demo)';
const DEMO_BALANCE = 1000;

interface DemoAccess {
  key: string;
  secretKey: string;
  companies: string[];
  createdAccount: boolean;
  /** The operator's token for the web console (ZHENGXIN_ADMIN_TOKEN, or the demo's own). */
  adminToken?: { token: string; file: string | undefined };
}

export const DEMO_ADMIN_TOKEN_FILE_NAME = 'demo-admin-token';

/**
 * The demo's operator token when ZHENGXIN_ADMIN_TOKEN is not set, so the web console at /console/
 * can be tried at once: random, kept in `<dataDir>/demo-admin-token` (mode 0600) and reused.
 */
export function ensureDemoAdminToken(dataDir: string): string {
  const file = path.join(dataDir, DEMO_ADMIN_TOKEN_FILE_NAME);
  if (fs.existsSync(file)) {
    const saved = fs.readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return saved;
  }
  const token = crypto.randomBytes(24).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file + '.tmp', token + '\n', { mode: 0o600 });
  fs.renameSync(file + '.tmp', file);
  return token;
}

/**
 * The demo account of `npm start`. Its SecretKey cannot be read back from the database (it is
 * sealed), so the one-time display is kept in `<dataDir>/demo-account.json`, mode 0600, and later
 * starts print it from there. If the database lost the account, a new one replaces the file.
 */
export async function ensureDemoAccount(db: Kysely<Schema>, secrets: SecretBox, dataDir: string): Promise<{ key: string; secretKey: string; created: boolean }> {
  const file = path.join(dataDir, DEMO_ACCOUNT_FILE_NAME);
  if (fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string; secretKey: string };
    const account = await findAccount(db, saved.key);
    if (account && secrets.open(account.key, account.secretEnc) === saved.secretKey) return { ...saved, created: false };
  }
  const { account, secretKey } = await createAccount(db, secrets, { name: DEMO_ACCOUNT_NAME, balance: DEMO_BALANCE }, Date.now());
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file + '.tmp', JSON.stringify({ key: account.key, secretKey }, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(file + '.tmp', file);
  return { key: account.key, secretKey, created: true };
}

/** The companies the docs name first (when the store has them), then generated ones: three in all. */
async function demoCompanyNames(db: Kysely<Schema>): Promise<string[]> {
  const documented = documentedCompanies().map((d) => d.name);
  const present = (await db.selectFrom('companies').select('name').where('name', 'in', documented).execute()).map((r) => r.name);
  const names = documented.filter((n) => present.includes(n));
  const rows = await db.selectFrom('companies').select('name')
    .where('entity_kind', '=', 'ENTERPRISE').where('status_norm', '=', 'ACTIVE')
    .orderBy('key_no').limit(3).execute();
  for (const r of rows) if (names.length < 3 && !names.includes(r.name)) names.push(r.name);
  return names;
}

const DEMO_HOST = '127.0.0.1';

/** What the server binds, said plainly: the demo's SecretKey is on the screen. */
export function bindingNote(host: string, url: string): string {
  const port = new URL(url).port;
  if (host === DEMO_HOST || host === 'localhost' || host === '::1') {
    return `Listening on ${host}:${port} only (this machine). HOST=0.0.0.0 npm start accepts other machines too.`;
  }
  return `Listening on ${host}:${port} (HOST=${host}): other machines can reach this demo and its SecretKey.`;
}

/** The heredoc delimiter of the banner's script (a line the script itself never has). */
const SCRIPT_END = 'ZHENGXIN_SCRIPT';

/**
 * What `npm start` prints: where it runs, the demo credentials, companies to order and a
 * paste-ready shell command that orders, polls and downloads a report. The command is
 * docs/examples/report.sh (the integration guide's shell example, run by `npm test`) fed to
 * `bash -s` with the demo account in its environment, so pasting it cannot leave the reader's own
 * shell in `set -e` or exit it on an error.
 */
export function demoBanner(baseUrl: string, demo: DemoAccess, dataDir: string): string {
  const name = demo.companies[0] ?? '上海测试科技有限公司';
  // Without the #! line: an interactive shell would take its `!` for history expansion.
  const script = readDocsFile('examples/report.sh').replace(/^#!.*\n/, '');
  return `
zhengxin report API is running at ${baseUrl}

Demo account ${demo.createdAccount ? '(created now)' : '(reused)'}:
  key        ${demo.key}
  SecretKey  ${demo.secretKey}
  (kept in ${path.join(dataDir, DEMO_ACCOUNT_FILE_NAME)}, mode 0600, because a SecretKey is shown only once)

Demo companies to order:
${demo.companies.map((c) => `  ${c}`).join('\n')}

Order a report, wait for it and download it to report.pdf (paste into a shell; needs bash, curl, md5sum):

ZHENGXIN_KEY=${demo.key} ZHENGXIN_SECRET_KEY=${demo.secretKey} ZHENGXIN_BASE_URL=${baseUrl} \\
bash -s -- ${shellQuote(name)} report.pdf <<'${SCRIPT_END}'
${script.trimEnd()}
${SCRIPT_END}

${demo.adminToken ? `Web console: ${baseUrl}/console/ (operator: 管理令牌 ${demo.adminToken.file ? `${demo.adminToken.token}, kept in ${demo.adminToken.file}, mode 0600` : 'the ZHENGXIN_ADMIN_TOKEN you configured'}; customer: the key and SecretKey above)\n\n` : ''}The same with the SDK's command line: ZHENGXIN_KEY=… ZHENGXIN_SECRET_KEY=… ZHENGXIN_BASE_URL=${baseUrl} npx zhengxin-client report ${shellQuote(name)} --out report.pdf
This script, with Java and Python versions: ${baseUrl}/docs   Stop the server with Ctrl-C.
`;
}

/** Single-quoted for a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port N] [--role api|worker|all] [--demo]',
  summary: 'Run the report API (port 8080 or PORT). --role api: HTTP only; worker: report jobs (and /healthz, /readyz, /metrics); all (default): both. --demo (npm start): import the demo data, create a demo account and print how to call it.',
  async run(ctx) {
    let values: { port?: string; demo?: boolean; role?: string };
    try {
      values = parseArgs({ args: [...ctx.argv], options: { port: { type: 'string' }, demo: { type: 'boolean' }, role: { type: 'string' } }, strict: true }).values;
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new UsageError(`--port needs a number, got "${values.port}"`);
    let role: ServeRole = 'all';
    try {
      if (values.role !== undefined) role = parseServeRole(values.role);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    // The demo is interactive: keep the terminal for the banner unless a log level was asked for.
    // The demo prints a SecretKey: it listens on this machine only unless HOST asks for more.
    const env = {
      ...ctx.env,
      ...(values.port !== undefined ? { PORT: values.port } : {}),
      ...(values.demo && !ctx.env.LOG_LEVEL ? { LOG_LEVEL: 'warn' } : {}),
      ...(values.demo && !ctx.env.HOST?.trim() ? { HOST: DEMO_HOST } : {}),
      // The demo's web console needs an operator token: its own unless one is configured.
      ...(values.demo && !ctx.env.ZHENGXIN_ADMIN_TOKEN?.trim() ? { ZHENGXIN_ADMIN_TOKEN: ensureDemoAdminToken(ctx.config.dataDir) } : {}),
    };
    const api = loadApiConfig(env);
    const log = (line: string) => ctx.stderr.write(line + '\n');
    let demo: Omit<DemoAccess, 'companies'> & { companies: string[] } | undefined;
    const server = await startServer({
      config: ctx.config,
      api,
      log,
      role,
      beforeListen: values.demo
        ? async ({ database, secrets }) => {
          const data = await ensureDemoData(database.db);
          log(data.created ? `imported ${data.companies} synthetic demo companies` : `reusing ${data.companies} companies already in the store`);
          const account = await ensureDemoAccount(database.db, secrets, ctx.config.dataDir);
          demo = {
            key: account.key, secretKey: account.secretKey, createdAccount: account.created, companies: await demoCompanyNames(database.db),
            ...(api.adminToken ? { adminToken: { token: api.adminToken, file: ctx.env.ZHENGXIN_ADMIN_TOKEN?.trim() ? undefined : path.join(ctx.config.dataDir, DEMO_ADMIN_TOKEN_FILE_NAME) } } : {}),
          };
        }
        : undefined,
    });
    if (demo) {
      ctx.stdout.write(demoBanner(server.url, demo, ctx.config.dataDir));
      ctx.stdout.write(`${bindingNote(api.host, server.url)}\n`);
    }
    else log(role === 'worker' ? `zhengxin worker running; /healthz, /readyz and /metrics on ${server.url}` : `zhengxin report API (${role}) listening on ${server.url}`);
    await closeOnSignals(server, log);
    return 0;
  },
};
