import assert from 'node:assert/strict';
import { it } from 'node:test';
import { standardCompany } from '../../../companies/synthetic/index.js';
import { buildReportModel } from '../../model/build.js';
import { takeSnapshot } from '../../snapshot.js';
import { renderHtml } from './render-html.js';

const GENERATED_AT = '2026-11-30T02:15:02.000Z';

it('starts a new page before a section that asks for one, as the PDF and Word renditions do', () => {
  const snapshot = takeSnapshot({ doc: standardCompany(), updatedAt: '2026-06-30T00:00:00.000Z', synthetic: true }, () => new Date(GENERATED_AT));
  const model = buildReportModel(snapshot, { orderNo: 'ORD-TEST-0001', customerName: '华东商业银行股份有限公司', generatedAt: GENERATED_AT });
  const plain = renderHtml(model);
  assert.doesNotMatch(plain, /class="page-break"/u);
  const at = 2;
  const html = renderHtml({ ...model, sections: model.sections.map((s, i) => (i === at ? { ...s, pageBreakBefore: true } : s)) });
  const heading = html.match(new RegExp(`<h\\d id="s${at}"([^>]*)>`, 'u'));
  assert.equal(heading?.[1], ' class="page-break"');
  assert.match(html, /\.page-break \{ break-before: page; \}/u);
  // Only there: the first section follows the contents page already.
  assert.equal(html.match(/class="page-break"/gu)?.length, 1);
  const first = renderHtml({ ...model, sections: model.sections.map((s, i) => (i === 0 ? { ...s, pageBreakBefore: true } : s)) });
  assert.doesNotMatch(first, /class="page-break"/u);
});
