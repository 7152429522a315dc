#!/usr/bin/env node
// Runs every compiled test file (unit tests beside the code in src/, integration tests in test/,
// the client package's tests) with Node's built-in runner. Test files end in `.test.js`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const roots = ['dist/src', 'dist/test', 'packages/client/dist/test'];
const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (entry.name.endsWith('.test.js')) files.push(p);
  }
};
for (const root of roots) if (fs.existsSync(root)) walk(root);
if (files.length === 0) {
  console.error('no test files found: did the build run?');
  process.exit(1);
}
files.sort();
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;
if (selected.length === 0) {
  // Handing node --test no file makes it discover files by its own patterns, helpers included.
  console.error(`no compiled test file matches ${filter.join(', ')} (paths are under ${roots.join(', ')})`);
  process.exit(1);
}
// The console's bundle (packages/console/scripts/build.js, which npm install runs) is rebuilt first
// when its sources changed since, so the console's tests never load a stale one. Only for them: no
// other test reads it (a checkout installed before the bundler came can still run the rest).
if (selected.some((f) => path.basename(f).startsWith('console'))) {
  const bundled = spawnSync(process.execPath, [fileURLToPath(new URL('../packages/console/scripts/build.js', import.meta.url)), '--if-stale'], { stdio: 'inherit' });
  if (bundled.status !== 0) {
    console.error('the console build failed (packages/console/scripts/build.js); after a pull that added its bundler, run npm install');
    process.exit(bundled.status ?? 1);
  }
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...selected], { stdio: 'inherit' });
process.exit(result.status ?? 1);
