// Issue 15 item 20: `npm ci` on the Node version README names installs without EBADENGINE
// warnings and runs no install script that package.json's allowScripts does not cover.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
const manifest = readJson('package.json') as { engines: { node: string }; allowScripts?: Record<string, boolean> };
const lock = readJson('package-lock.json') as { packages: Record<string, { version?: string; engines?: { node?: string } | string[]; hasInstallScript?: boolean; link?: boolean }> };

/** The oldest Node the project says it runs on. */
const floor = semver.minVersion(manifest.engines.node)!.version;

describe('installing on the Node version README names', () => {
  it('README names the same oldest Node version as package.json', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const [major, minor] = floor.split('.');
    assert.ok(readme.includes(`Node.js ${major}.${minor}`), `README names Node.js ${major}.${minor} (package.json engines: ${manifest.engines.node})`);
  });

  it('every locked package, dev dependencies included, supports that version (no EBADENGINE warning)', () => {
    const unsupported = Object.entries(lock.packages)
      .filter(([where, p]) => where !== '' && !p.link && !Array.isArray(p.engines) && p.engines?.node && !semver.satisfies(floor, p.engines.node))
      .map(([where, p]) => `${where.replace(/^.*node_modules\//, '')}@${p.version} requires node ${(p.engines as { node: string }).node}`);
    assert.deepEqual(unsupported, [], `packages that npm ci would warn about on Node ${floor}`);
  });

  it('every package with an install script is named in allowScripts', () => {
    const withScripts = new Set(Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([where]) => where.replace(/^.*node_modules\//, '')));
    const uncovered = [...withScripts].filter((name) => !(name in (manifest.allowScripts ?? {})));
    assert.deepEqual(uncovered, []);
    // And allowScripts names nothing that is not installed (a stale entry hides a new one).
    assert.deepEqual(Object.keys(manifest.allowScripts ?? {}).filter((name) => !withScripts.has(name)), []);
  });
});
