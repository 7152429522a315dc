/**
 * A writer process for the concurrent-writer tests (test/realtime-writers.test.ts): opens the
 * store given on the command line and writes through the real push path, then prints one JSON
 * line with what each write answered. Not a test itself.
 *
 * argv[2]: JSON {dataDir, databaseUrl?, mode: 'append' | 'push', keyNos, count, tag}
 * - append: `count` records appended to `dishonest` of keyNos[0];
 * - push: `count` rounds of a whole-document PUT of every keyNo, each with a new `scope`;
 * - lines: `lines` pushed as one NDJSON batch (`pushLines`, one transaction); prints its outcomes.
 */
import { openDatabase } from '../../src/db/database.js';
import { appendRecord, pushDocument, pushLines } from '../../src/realtime/push.js';
import { writerDocument } from './realtime.js';

interface Job { dataDir: string; databaseUrl?: string; mode: 'append' | 'push' | 'lines'; keyNos: string[]; count: number; tag: string; lines?: string[] }

const job = JSON.parse(process.argv[2]!) as Job;
const database = await openDatabase({ dataDir: job.dataDir, databaseUrl: job.databaseUrl, migrate: false, poolSize: 2 });
const answers: unknown[] = [];
try {
  if (job.mode === 'lines') answers.push(...(await pushLines(database.db, job.lines ?? [], Date.now())).outcomes);
  for (let i = 0; job.mode !== 'lines' && i < job.count; i++) {
    if (job.mode === 'append') {
      const record = { caseNo: `(2026)沪0115执${job.tag}${i}号`, court: '上海市浦东新区人民法院', filedOn: '2026-05-01', obligation: `${job.tag}-${i}` };
      answers.push(await appendRecord(database.db, job.keyNos[0]!, 'dishonest', record, Date.now()));
    } else {
      for (const keyNo of job.keyNos) {
        const doc = { ...writerDocument(keyNo), scope: `${job.tag}-${i}` };
        answers.push(await pushDocument(database.db, keyNo, doc, Date.now()));
      }
    }
  }
} finally {
  await database.close();
}
process.stdout.write(`${JSON.stringify(answers)}\n`);

