import { computeToken } from '../../src/protocol/token.js';
import assert from 'node:assert/strict';
import { docxParts, wordText } from '../render-support.js';
import { TEST_COMPANIES, waitForOrder, type TestApi } from './server.js';

export type Answer = { Status: string; Message: string; Result: any; Paging?: { TotalRecords: number } | null };

/** A signed GET of any interface path. */
export async function callInterface(api: TestApi, path: string, creds: { key: string; secretKey: string }, params: Record<string, string> = {}): Promise<Answer> {
  const timespan = String(Math.floor(api.clock.now() / 1000));
  const res = await api.app.inject({
    method: 'GET', url: path, query: { key: creds.key, ...params }, remoteAddress: '127.0.0.1',
    headers: { Token: computeToken(creds.key, timespan, creds.secretKey), Timespan: timespan },
  });
  return res.json() as Answer;
}


/** A valid whole document per KeyNo (the ordinary test company under another name and no codes). */
export function writerDocument(keyNo: string): Record<string, unknown> {
  const { uscc: _u, regNo: _r, formerNames: _f, ...rest } = TEST_COMPANIES.ordinary as unknown as Record<string, unknown>;
  return { ...rest, name: `上海并发写入${keyNo.slice(0, 6)}有限公司`, dataAsOf: '2026-06-30T00:00:00+08:00' };
}

/**
 * Orders a Word report of `keyNo` on a new account right now (what "the very next CreateReport
 * after a push" means), waits for S and returns the report's text.
 */
export async function nextReportText(api: TestApi, keyNo: string): Promise<string> {
  const creds = await api.account();
  api.clock.set(Date.now());
  const order = (await api.call('CreateReport', { ...creds, params: { keyNo, reportFormat: '2' } })).json() as { Status: string; Result: { OrderNo: string } };
  assert.equal(order.Status, '200');
  const done = await waitForOrder(api, creds, order.Result.OrderNo);
  assert.equal(done.ReportStatus, 'S');
  const file = await api.app.inject({ method: 'GET', url: done.ReportUrl as string });
  return wordText(docxParts(file.rawPayload)['word/document.xml']!);
}
