#!/usr/bin/env node
// Builds what the service serves at /console/ into dist/web/: the console's TypeScript bundled
// into ONE minified script (esbuild), the CSS minified, each file named by the hash of its
// content (so the server may let browsers keep it for a year), index.html naming those files,
// and gzip and Brotli copies of every text file, compressed once here instead of on each request.
// `npm install` runs it (the root's and this package's prepare); `--if-stale` rebuilds only when
// a source or static file is newer than the last build (what the test runner and benches call).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(PACKAGE, 'dist', 'web');
const INPUTS = [path.join(PACKAGE, 'src'), path.join(PACKAGE, 'static'), fileURLToPath(import.meta.url)];

function newestInput() {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of INPUTS) visit(p);
  return newest;
}

function isStale() {
  const index = path.join(OUT, 'index.html');
  return !fs.existsSync(index) || fs.statSync(index).mtimeMs < newestInput();
}

const hashOf = (body) => crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);

/** `console.css` with this content → `console.3f9a….css`: a new build has new names, hence new URLs. */
function hashedName(name, body) {
  const ext = path.extname(name);
  return `${name.slice(0, -ext.length)}.${hashOf(body)}${ext}`;
}

async function build() {
  const esbuild = await import('esbuild');
  const script = await esbuild.build({
    entryPoints: [path.join(PACKAGE, 'src', 'main.ts')],
    bundle: true, format: 'esm', target: 'es2022', platform: 'browser', minify: true,
    legalComments: 'none', charset: 'utf8', write: false, logLevel: 'warning',
  });
  const css = await esbuild.transform(fs.readFileSync(path.join(PACKAGE, 'static', 'console.css'), 'utf8'), { loader: 'css', minify: true, charset: 'utf8' });
  const files = new Map([
    ['console.js', Buffer.from(script.outputFiles[0].contents)],
    ['console.css', Buffer.from(css.code)],
    ['favicon.svg', fs.readFileSync(path.join(PACKAGE, 'static', 'favicon.svg'))],
  ]);
  let html = fs.readFileSync(path.join(PACKAGE, 'static', 'index.html'), 'utf8');
  const written = new Map();
  for (const [name, body] of files) {
    const hashed = hashedName(name, body);
    if (!html.includes(`assets/${name}"`)) throw new Error(`static/index.html does not name assets/${name}`);
    html = html.replaceAll(`assets/${name}"`, `assets/${hashed}"`);
    written.set(hashed, body);
  }
  written.set('index.html', Buffer.from(html));
  // Written beside, then swapped in, so a server starting meanwhile never reads half a build.
  const next = `${OUT}.next-${process.pid}`;
  fs.rmSync(next, { recursive: true, force: true });
  fs.mkdirSync(next, { recursive: true });
  for (const [name, body] of written) {
    fs.writeFileSync(path.join(next, name), body);
    if (/\.(js|css|svg|html)$/.test(name)) {
      fs.writeFileSync(path.join(next, `${name}.gz`), zlib.gzipSync(body, { level: 9 }));
      fs.writeFileSync(path.join(next, `${name}.br`), zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    }
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.renameSync(next, OUT);
  const js = [...written.keys()].find((n) => n.endsWith('.js'));
  return { script: js, bytes: written.get(js).length, gzipped: fs.statSync(path.join(OUT, `${js}.gz`)).size, brotli: fs.statSync(path.join(OUT, `${js}.br`)).size };
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
const r = await build();
if (!process.argv.includes('--quiet')) {
  console.log(`console: ${path.relative(process.cwd(), OUT)}/${r.script} ${(r.bytes / 1024).toFixed(1)} KB, gzip ${(r.gzipped / 1024).toFixed(1)} KB, brotli ${(r.brotli / 1024).toFixed(1)} KB`);
}
