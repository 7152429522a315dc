import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The console's browser files: `packages/console/static` (index.html, CSS, icons) and the compiled
 * scripts in `packages/console/dist` (built by `npm install`'s prepare, i.e. `tsc -b`). Read once
 * at start; nothing is fetched from another host, and no script is inline.
 */
const PACKAGE_DIR = fileURLToPath(new URL('../../../packages/console/', import.meta.url));

/**
 * Every console response: scripts only from this origin (no inline script, no eval), no framing
 * by other pages, no MIME sniffing, no referrer leaving the console.
 */
export const CONSOLE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'",
  "connect-src 'self'", "frame-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('Content-Security-Policy', CONSOLE_CSP)
    .header('X-Frame-Options', 'DENY')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cross-Origin-Opener-Policy', 'same-origin');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const ASSET_NAME = /^[a-z0-9][a-z0-9._-]*\.(js|css|svg|png|ico)$/;

interface Asset { readonly body: Buffer; readonly type: string }

function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const dir of ['static', 'dist']) {
    const root = path.join(PACKAGE_DIR, dir);
    if (!fs.existsSync(root)) continue;
    const walk = (sub: string) => {
      for (const entry of fs.readdirSync(path.join(root, sub), { withFileTypes: true })) {
        const rel = sub ? `${sub}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(rel);
        else if (ASSET_NAME.test(entry.name) || entry.name === 'index.html') {
          assets.set(rel, { body: fs.readFileSync(path.join(root, rel)), type: TYPES[path.extname(entry.name)] ?? 'application/octet-stream' });
        }
      }
    };
    walk('');
  }
  return assets;
}

/**
 * The page names its files under `/console/v/<hash of every file>/`, so the browser may keep them
 * for good (a new build has a new hash, hence new URLs) and a second visit asks for nothing but the
 * page and its data. Every module is announced with modulepreload, so the browser fetches them all
 * at once instead of discovering the imports level by level. `/console/assets/` serves the same
 * files uncached.
 */
export function registerConsoleStatic(app: FastifyInstance): void {
  const assets = loadAssets();
  const template = assets.get('index.html');
  const version = crypto.createHash('sha256').update([...assets].map(([name, a]) => `${name}\0${crypto.createHash('sha256').update(a.body).digest('hex')}`).join('\n')).digest('hex').slice(0, 16);
  const prefix = `v/${version}/`;
  const preloads = [...assets.keys()].filter((n) => n.endsWith('.js') && n !== 'main.js').sort()
    .map((n) => `<link rel="modulepreload" href="${prefix}${n}">`).join('\n');
  const index = template ? Buffer.from(template.body.toString('utf8').replaceAll('assets/', prefix).replace('</head>', `${preloads}\n</head>`)) : undefined;
  const serve = (name: string, reply: FastifyReply, cache: string) => {
    const asset = name.split('/').every((p) => p !== '..' && p !== '') && name !== 'index.html' ? assets.get(name) : undefined;
    if (!asset) return securityHeaders(reply).code(404).type('text/plain; charset=utf-8').send('not found');
    return securityHeaders(reply).type(asset.type).header('Cache-Control', cache).send(asset.body);
  };
  app.get('/console', async (_request, reply) => securityHeaders(reply).redirect('/console/', 301));
  app.get('/console/', async (_request, reply) => {
    if (!index || !assets.has('main.js')) {
      return securityHeaders(reply).code(503).type('text/plain; charset=utf-8').send('The console is not built: run `npm install` (or `npm run build`).');
    }
    return securityHeaders(reply).type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(index);
  });
  app.get('/console/assets/*', async (request, reply) => serve((request.params as { '*': string })['*'], reply, 'no-cache'));
  app.get('/console/v/:version/*', async (request, reply) => {
    const params = request.params as { version: string; '*': string };
    // An older page's version (the service was upgraded meanwhile): today's file, not kept.
    return serve(params['*'], reply, params.version === version ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
}
