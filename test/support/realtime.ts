import { computeToken } from '../../src/protocol/token.js';
import type { TestApi } from './server.js';

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

