import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { chooseCoding, type Coding } from './accept-encoding.js';

/**
 * The console's browser files as `packages/console/scripts/build.js` writes them (run by
 * `npm install`'s prepare): read once at start; nothing is fetched from another host, and no
 * script is inline.
 */
const WEB_DIR = fileURLToPath(new URL('../../../packages/console/dist/web/', import.meta.url));

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
/** `console.<16 hex>.js`: the build names every file by the hash of its content. */
const HASHED_NAME = /^([a-z0-9][a-z0-9_-]*)\.([0-9a-f]{16})(\.[a-z]+)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** `If-None-Match` names this version (a list, weak or strong, or `*`). */
function sameVersion(header: string | undefined, etag: string): boolean {
  return header !== undefined && header.split(',').some((t) => { const v = t.trim().replace(/^W\//, ''); return v === etag || v === '*'; });
}

interface Asset {
  readonly type: string;
  /** The bytes as stored and, where the build made them, gzip and Brotli copies. */
  readonly bodies: ReadonlyMap<Coding, Buffer>;
  readonly codings: ReadonlySet<Coding>;
  readonly etag: string;
}

function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!fs.existsSync(WEB_DIR)) return assets;
  const names = new Set(fs.readdirSync(WEB_DIR));
  for (const name of names) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const bodies = new Map<Coding, Buffer>([['identity', fs.readFileSync(path.join(WEB_DIR, name))]]);
    if (names.has(`${name}.br`)) bodies.set('br', fs.readFileSync(path.join(WEB_DIR, `${name}.br`)));
    if (names.has(`${name}.gz`)) bodies.set('gzip', fs.readFileSync(path.join(WEB_DIR, `${name}.gz`)));
    const etag = `"${crypto.createHash('sha256').update(bodies.get('identity')!).digest('hex').slice(0, 16)}"`;
    assets.set(name, { type, bodies, codings: new Set(bodies.keys()), etag });
  }
  return assets;
}

/**
 * Serves `packages/console/dist/web/` as the build left it (scripts/build.js there): index.html
 * (revalidated on every visit, answered 304 when unchanged) names one bundled script, one
 * stylesheet and the icon by content-hashed names under `/console/assets/`, which browsers keep for
 * a year without asking again; a new build has new names. Each file goes out as the build's Brotli
 * or gzip copy when the browser takes one, so nothing is compressed per request.
 */
export function registerConsoleStatic(app: FastifyInstance): void {
  const assets = loadAssets();
  const index = assets.get('index.html');
  /** A name from a page older than this build (the service was upgraded meanwhile): today's file of that name, not kept. */
  const current = new Map<string, string>();
  for (const name of assets.keys()) {
    const m = HASHED_NAME.exec(name);
    if (m) current.set(`${m[1]}${m[3]}`, name);
  }
  const send = (request: FastifyRequest, reply: FastifyReply, asset: Asset, cache: string) => {
    securityHeaders(reply).type(asset.type).header('Cache-Control', cache).header('Vary', 'Accept-Encoding').header('ETag', asset.etag);
    if (sameVersion(request.headers['if-none-match'], asset.etag)) return reply.code(304).send();
    const coding = chooseCoding(request.headers['accept-encoding'], asset.codings);
    if (coding !== 'identity') reply.header('Content-Encoding', coding);
    return reply.send(asset.bodies.get(coding));
  };
  app.get('/console', async (_request, reply) => securityHeaders(reply).redirect('/console/', 301));
  app.get('/console/', async (request, reply) => {
    if (!index) {
      return securityHeaders(reply).code(503).type('text/plain; charset=utf-8').send('The console is not built: run `npm install` (or `npm run build`).');
    }
    return send(request, reply, index, 'no-cache');
  });
  app.get('/console/assets/:name', async (request, reply) => {
    const name = (request.params as { name: string }).name;
    const asset = name === 'index.html' ? undefined : assets.get(name);
    if (asset) return send(request, reply, asset, HASHED_NAME.test(name) ? IMMUTABLE : 'no-cache');
    const m = HASHED_NAME.exec(name);
    const today = m ? current.get(`${m[1]}${m[3]}`) : undefined;
    if (today) return send(request, reply, assets.get(today)!, 'no-cache');
    return securityHeaders(reply).code(404).type('text/plain; charset=utf-8').send('not found');
  });
}
