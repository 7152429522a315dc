import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { companyRow, prepareDocument, rowToStoredCompany } from '../src/companies/store.js';
import { standardCompany } from '../src/companies/synthetic/index.js';
import type { ReportModel } from '../src/reports/model/types.js';
import { createInlineRenderer, createRenderPool, type ReportRenderer } from '../src/reports/render-service.js';
import { type ReportSource, sourceCompanyOf } from '../src/reports/report-source.js';
import { GENERATED_AT, modelOf, pdfPages, squash } from './render-support.js';

describe('render pool (worker threads)', () => {
  let pool: ReportRenderer;
  let model: ReportModel;

  before(() => {
    pool = createRenderPool({ threads: 1 });
    model = modelOf(standardCompany());
  });
  after(() => pool.close());

  it('renders PDF and docx in a worker while the event loop keeps turning', async () => {
    let ticks = 0;
    let rendering = true;
    // A zero-delay timer chain: it only advances if the main thread is free between turns.
    const tick = () => {
      if (!rendering) return;
      ticks++;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const ticksAtStart = ticks;
    const [pdf, docx] = await Promise.all([pool.render({ model, format: 'pdf' }), pool.render({ model, format: 'docx' })]);
    rendering = false;
    assert.ok(ticks - ticksAtStart > 0, 'the timer fired while the worker rendered');
    assert.ok(pdf instanceof Uint8Array && docx instanceof Uint8Array);
    assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
    assert.equal(Buffer.from(docx.subarray(0, 2)).toString('latin1'), 'PK');
    assert.ok(squash(pdfPages(pdf).join('')).includes(squash(model.meta.companyName)));
  });

  it('gives the same document text as the inline renderer', async () => {
    const inline = createInlineRenderer();
    const [fromPool, fromInline] = await Promise.all([pool.render({ model, format: 'pdf' }), inline.render({ model, format: 'pdf' })]);
    assert.deepEqual(pdfPages(fromPool), pdfPages(fromInline));
    await inline.close();
  });

  it('builds the model on its thread from a report source, with the same text as from the model', async () => {
    const prepared = prepareDocument(standardCompany());
    const stored = rowToStoredCompany(companyRow(prepared, prepared.explicitKeyNo ?? prepared.derivedKeyNo, '2026-06-30T00:00:00.000Z'));
    const source: ReportSource = {
      company: { ...sourceCompanyOf(stored), synthetic: true },
      orderNo: 'ORD-TEST-0001',
      customerName: '华东商业银行股份有限公司',
      generatedAt: GENERATED_AT,
      format: 'pdf',
    };
    const [fromSource, fromModel] = await Promise.all([pool.renderSource(source), pool.render({ model, format: 'pdf' })]);
    assert.deepEqual(pdfPages(fromSource), pdfPages(fromModel));
    const docx = await pool.renderSource({ ...source, format: 'docx' });
    assert.equal(Buffer.from(docx.subarray(0, 2)).toString('latin1'), 'PK');
    await assert.rejects(pool.renderSource({ ...source, company: { ...source.company, docText: '{' } }), /JSON/);
  });

  it('refuses an unknown format with a clear error', async () => {
    await assert.rejects(pool.render({ model, format: 'xlsx' as 'pdf' }), /unsupported report format "xlsx"/);
    await assert.rejects(createInlineRenderer().render({ model, format: 'html' as 'pdf' }), /expected pdf or docx/);
  });

  it('refuses work after close', async () => {
    const other = createRenderPool({ threads: 1 });
    await other.close();
    await assert.rejects(other.render({ model, format: 'pdf' }), /closed/);
    assert.throws(() => createRenderPool({ threads: 0 }), /positive integer/);
  });
});
