/**
 * Worker thread of `groupsInWorker` (identity-build.ts): clusters a build's state and posts the
 * rows back. Pure computation; the caller writes them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IdentityBuild, type IdentityBuildState } from './identity-build.js';

parentPort!.postMessage([...IdentityBuild.fromState(workerData as IdentityBuildState).groups()]);
