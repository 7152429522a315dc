/** Worker-thread entry of the importer: prepares chunks of lines (see import-prepare.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareChunk, type LineChunk } from './import-prepare.js';

const { lenientUscc } = workerData as { lenientUscc: boolean };

parentPort!.on('message', (message: { id: number; chunk: LineChunk }) => {
  const results = prepareChunk(message.chunk, lenientUscc);
  // The chunk's buffer goes back with the results: documents stored as written are views into it.
  parentPort!.postMessage({ id: message.id, results }, [message.chunk.bytes.buffer]);
});
