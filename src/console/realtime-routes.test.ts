import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Delivery } from '../realtime/deliveries.js';
import { deliveryView } from './realtime-routes.js';

const delivery: Delivery = {
  id: 'd1', accountKey: 'a'.repeat(32), url: 'https://cb.example.com/x', eventType: 'report.finished', body: '{"secret":"signed body"}', state: 'failed', attempts: 3,
  nextAt: '2026-12-07T00:00:00.000Z', lastStatus: null, lastError: 'cb.example.com resolves to 10.1.2.3, a private or loopback address (ZHENGXIN_CALLBACK_ALLOW_PRIVATE=1 allows it)',
  createdAt: '2026-12-06T00:00:00.000Z', deliveredAt: null,
};

it('shows the operator the whole error, a customer not which internal address its name resolved to; never the body', () => {
  assert.match(String(deliveryView(delivery, 'operator').lastError), /10\.1\.2\.3/);
  assert.equal(deliveryView(delivery, 'customer').lastError, 'cb.example.com resolves to a private or loopback address');
  assert.equal('body' in deliveryView(delivery, 'operator'), false);
});
