import { Transform, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { importCompanies } from '../companies/import.js';
import { searchCompanies } from '../companies/search.js';
import { findCompanyByKeyNo, findCompanyByUscc } from '../companies/store.js';
import type { Schema } from '../db/schema.js';
import type { ReportRenderer } from '../reports/render-service.js';
import { sourceCompanyOf } from '../reports/report-source.js';
import { scoreCompanyV2 } from '../reports/score/scorecard-v2.js';
import { beijingDateOf } from '../reports/snapshot.js';
import { findImportJob, importJobView, importProgressWriter, openImportJob, recentImportJobs, startImportJob } from './import-jobs.js';
import { securityHeaders } from './static-files.js';
import { reportGrader } from '../realtime/feed-grader.js';

const SEARCH_PAGE = 50;
const KEY_NO = /^[0-9a-f]{32}$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * The console's 企业 and 数据 pages, for operators: the service's own company search, one
 * company's registration facts and score, a preview report rendered on demand (shown inline), and
 * the NDJSON import with its summary. The renderer is made on first use (one render thread).
 */
export function registerCompanyRoutes(api: FastifyInstance, deps: {
  db: Kysely<Schema>; renderer: () => ReportRenderer; clock: { now(): number }; note: (request: FastifyRequest, reason: string) => void;
  /** Who the request's session is (`operator:NAME`). */
  actor: (request: FastifyRequest) => string;
}): void {
  api.get('/console/api/companies', async (request, reply) => {
    const text = String((request.query as { q?: unknown }).q ?? '').trim();
    if (!text) return reply.code(400).send({ error: 'q: give a name fragment or a code', field: 'q' });
    const found = await searchCompanies(deps.db, { text: text.slice(0, 100), scope: 'all', offset: 0, limit: SEARCH_PAGE });
    if (!found.ok) return reply.code(400).send({ error: `q: not searchable (${found.reason})`, field: 'q', reason: found.reason });
    return {
      total: found.total, capped: found.capped,
      companies: found.companies.map((c) => ({ keyNo: c.keyNo, name: c.name, uscc: c.uscc, status: c.doc.status ?? null, legalRep: c.doc.legalRep ?? null })),
    };
  });

  const findCompany = async (id: string) => (KEY_NO.test(id) ? findCompanyByKeyNo(deps.db, id) : USCC.test(id) ? findCompanyByUscc(deps.db, id) : undefined);

  api.get('/console/api/companies/:id', async (request, reply) => {
    const c = await findCompany((request.params as { id: string }).id);
    if (!c) return reply.code(404).send({ error: 'no such company' });
    const d = c.doc;
    const today = new Date(deps.clock.now()).toISOString().slice(0, 10);
    // The data date as the report's snapshot takes it (Beijing calendar date).
    const score = scoreCompanyV2(d, beijingDateOf(d.dataAsOf) ?? beijingDateOf(c.dataAsOf) ?? beijingDateOf(c.updatedAt) ?? today);
    const money = (m: { amount: number; currency?: string } | undefined) => (m ? `${m.amount.toLocaleString('zh-CN')} ${m.currency ?? ''}`.trim() : null);
    return {
      keyNo: c.keyNo, name: c.name,
      facts: [
        ['统一社会信用代码', c.uscc], ['注册号', c.regNo], ['企业类型', d.companyType ?? null], ['登记状态', d.status ?? null],
        ['法定代表人', d.legalRep ?? null], ['注册资本', money(d.registeredCapital)], ['成立日期', d.establishedOn ?? null],
        ['住所', d.address ?? null], ['数据截至', c.dataAsOf], ['合成数据', c.synthetic ? '是' : '否'],
      ],
      // null score: not rated (cancelled, or too little data) — shown as such, never as a number.
      score: { score: score.score, grade: score.grade, withheld: score.withheld ?? null, reasons: score.topNegativeReasons },
    };
  });

  api.get('/console/api/companies/:id/preview.pdf', async (request, reply) => {
    const c = await findCompany((request.params as { id: string }).id);
    if (!c) return reply.code(404).send({ error: 'no such company' });
    const pdf = await deps.renderer().renderSource({
      company: sourceCompanyOf(c), orderNo: '0'.repeat(32), customerName: '预览（非正式报告）', generatedAt: new Date(deps.clock.now()).toISOString(), format: 'pdf',
    });
    // Shown inside the console's own page: framing by this origin only.
    securityHeaders(reply).header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'").header('X-Frame-Options', 'SAMEORIGIN');
    return reply.type('application/pdf').header('Content-Disposition', 'inline; filename="preview.pdf"').send(Buffer.from(pdf));
  });

  // The upload is read as a stream (never whole in memory) and imported batch by batch, so the
  // API keeps answering while it runs. With `?job=ID` (from POST imports) the server writes its
  // progress to that job after every batch, which the page polls (GET imports/ID).
  api.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));
  api.post('/console/api/imports', { config: { action: 'data.import.open' } }, async (request, reply) => {
    const id = await openImportJob(deps.db, deps.actor(request), deps.clock.now());
    return reply.code(201).send({ job: importJobView((await findImportJob(deps.db, id))!, deps.clock.now()) });
  });
  api.get('/console/api/imports', async () => ({ jobs: (await recentImportJobs(deps.db)).map((r) => importJobView(r, deps.clock.now())) }));
  api.get('/console/api/imports/:id', async (request, reply) => {
    const row = await findImportJob(deps.db, (request.params as { id: string }).id);
    if (!row) return reply.code(404).send({ error: 'no such import' });
    return { job: importJobView(row, deps.clock.now()) };
  });
  api.post('/console/api/import', { config: { action: 'data.import' } }, async (request, reply) => {
    if (!request.headers['content-type']?.startsWith('application/x-ndjson')) return reply.code(415).send({ error: 'send the file as Content-Type: application/x-ndjson' });
    const jobId = (request.query as { job?: unknown }).job;
    let progress: ReturnType<typeof importProgressWriter> | undefined;
    let read = 0;
    let input = request.body as Readable;
    if (jobId !== undefined) {
      const row = typeof jobId === 'string' ? await findImportJob(deps.db, jobId) : undefined;
      if (!row) return reply.code(404).send({ error: 'job: no such import (open one with POST /console/api/imports)', field: 'job' });
      const length = Number(request.headers['content-length']);
      if (!(await startImportJob(deps.db, row.id, Number.isSafeInteger(length) && length >= 0 ? length : null, deps.clock.now()))) {
        return reply.code(409).send({ error: `job: this import is ${row.state}, not waiting for its file`, field: 'job' });
      }
      // Counts the upload's bytes as the importer reads them (the bar's fraction when the length is known).
      input = input.pipe(new Transform({ transform(chunk: Buffer, _enc, done) { read += chunk.length; done(null, chunk); } }));
      (request.body as Readable).on('error', (err) => input.destroy(err));
      progress = importProgressWriter(deps.db, row.id, () => deps.clock.now(), () => read);
    }
    let summary;
    try {
      summary = await importCompanies(deps.db, input, { bulkLoad: false, workers: 0, feed: { grader: reportGrader(new Date(deps.clock.now()).toISOString()) }, ...(progress ? { onProgress: progress.onProgress, progressEveryMs: 0 } : {}) });
    } catch (err) {
      await progress?.finish({ error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
    const shown = { ...summary, errors: summary.errors.slice(0, 20) };
    await progress?.finish({ summary: shown });
    deps.note(request, `imported ${summary.imported}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected}`);
    return { summary: shown, ...(progress ? { job: jobId } : {}) };
  });
}
