#!/usr/bin/env node
/* global AbortController */
// Launcher of the `zhengxin-client` command; the CLI itself is compiled into dist/ by `tsc -b`.
import { runCli } from '../dist/src/cli/main.js';

const controller = new AbortController();
// First Ctrl-C: stop waiting cleanly and say which order exists; a second one kills at once.
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, signal: controller.signal }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
