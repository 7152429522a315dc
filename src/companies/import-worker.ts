/** Worker-thread entry of the importer: prepares chunks of lines (see import-prepare.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareLine, type RawLine } from './import-prepare.js';

const { lenientUscc } = workerData as { lenientUscc: boolean };

parentPort!.on('message', (message: { id: number; lines: RawLine[] }) => {
  parentPort!.postMessage({ id: message.id, results: message.lines.map((l) => prepareLine(l, lenientUscc)) });
});
