import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestApi } from './server.js';

/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). CI installs the
 * package (.ci/run); a machine without it fails these tests rather than skipping them.
 */
export const CHROMIUM = process.env.ZHENGXIN_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set ZHENGXIN_CHROMIUM)`);
  process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** Listens on a free local port; the browser talks to the real server over HTTP. */
export async function listen(api: TestApi): Promise<string> {
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
}

/**
 * Where screenshots go: `docs/console/` when ZHENGXIN_SCREENSHOTS=1 (how the committed ones are
 * made), else a temporary directory (they are still taken, so every run renders each page).
 */
export function screenshotDir(fallback: string): string {
  if (process.env.ZHENGXIN_SCREENSHOTS === '1') {
    const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../docs/console');
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }
  fs.mkdirSync(fallback, { recursive: true });
  return fallback;
}
