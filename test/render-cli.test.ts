import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { reportRenderCommand } from '../src/cli/report-commands.js';
import { UsageError } from '../src/cli/command.js';
import { upsertCompanies } from '../src/companies/store.js';
import { standardCompany } from '../src/companies/synthetic/index.js';
import { loadConfig } from '../src/config.js';
import { REPORT_TYPES } from '../src/reports/types/index.js';
import { BACKENDS, type TestDatabase } from './support/databases.js';
import { docxParts, pdfPages, squash, wordText } from './render-support.js';

async function run(t: TestDatabase, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ZHENGXIN_DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl };
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  const code = await reportRenderCommand.run({ config: loadConfig(env), argv, env, stdout, stderr, stdin: new PassThrough() });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

for (const backend of BACKENDS) {
  describe(`report render command (${backend.name})`, () => {
    it('renders a stored company by USCC and by name to PDF and docx', async () => {
      const t = await backend.open();
      try {
        const doc = standardCompany();
        await upsertCompanies(t.db, [doc], { now: '2026-06-30T00:00:00.000Z' });
        const pdfFile = path.join(t.dataDir, 'out.pdf');
        const r1 = await run(t, ['--company', doc.uscc!, '--format', 'pdf', '--out', pdfFile, '--customer', '测试客户 & Co']);
        assert.equal(r1.code, 0, r1.stderr);
        assert.match(r1.stdout, /out\.pdf: pdf, \d+ bytes/);
        const text = squash(pdfPages(fs.readFileSync(pdfFile)).join(''));
        assert.ok(text.includes(squash(doc.name)));
        assert.ok(text.includes(squash('测试客户 & Co')));

        const docxFile = path.join(t.dataDir, 'out.docx');
        const r2 = await run(t, ['--company', doc.name, '--format=docx', '--out', docxFile]);
        assert.equal(r2.code, 0, r2.stderr);
        assert.ok(wordText(docxParts(fs.readFileSync(docxFile))['word/document.xml']!).includes(doc.uscc!));

        // Every registered type, as data: the same company, its type and its verdict key.
        for (const type of REPORT_TYPES) {
          const jsonFile = path.join(t.dataDir, `out-${type.slug}.json`);
          const r3 = await run(t, ['--company', doc.uscc!, '--type', type.slug, '--format', 'json', '--out', jsonFile]);
          if (r3.code !== 0 && /cannot be made for this company \(status 21[89]\)/.test(r3.stderr)) continue; // the type's ordering rule
          assert.equal(r3.code, 0, r3.stderr);
          assert.match(r3.stdout, new RegExp(`out-${type.slug}\\.json: json, \\d+ bytes, ${type.title}`));
          const data = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { reportType: number; company: { uscc: string } };
          assert.deepEqual([data.reportType, data.company.uscc], [type.code, doc.uscc]);
          if (type.verdictKey) assert.ok(Object.hasOwn(data, type.verdictKey));
        }
      } finally {
        await t.cleanup();
      }
    });

    it('explains what is wrong: unknown company, unwritable file, bad arguments', async () => {
      const t = await backend.open();
      try {
        const missing = await run(t, ['--company', '不存在的公司名称', '--out', path.join(t.dataDir, 'x.pdf')]);
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /no company in the local store matches/);

        const doc = standardCompany();
        await upsertCompanies(t.db, [doc], { now: '2026-06-30T00:00:00.000Z' });
        const unwritable = await run(t, ['--company', doc.uscc!, '--out', path.join(t.dataDir, 'no', 'such', 'dir.pdf')]);
        assert.equal(unwritable.code, 1);
        assert.match(unwritable.stderr, /cannot write .*the directory does not exist/);

        await assert.rejects(run(t, ['--company', doc.uscc!, '--format', 'xls', '--out', 'x']), (e: unknown) => e instanceof UsageError && /pdf, docx or json/.test(e.message));
        await assert.rejects(run(t, ['--company', doc.uscc!, '--type', 'memo', '--out', 'x']), (e: unknown) => e instanceof UsageError && /--type must be 1–4 or credit, decision, due-diligence, shell-scan/.test(e.message));
        await assert.rejects(run(t, ['--format', 'pdf', '--out', 'x']), /--company/);
        await assert.rejects(run(t, ['--company', 'x']), /--out/);
        await assert.rejects(run(t, ['--company', 'x', '--out', 'y', '--colour', 'red']), /unknown option --colour/);
      } finally {
        await t.cleanup();
      }
    });
  });
}
