#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
import('../dist/src/cli/main.js').then((m) => m.main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code ?? 0;
    // A failed command must end even if something it opened still holds the event loop (a
    // supervisor has to see the failure); a successful one ends when its work is done.
    if (code) setTimeout(() => process.exit(code), 2000).unref();
  },
  (err) => { console.error(err instanceof Error ? err.message : err); process.exitCode = 1; },
);
