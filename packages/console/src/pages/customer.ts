import { api } from '../api.js';
import { stackedBars, type DayCount } from '../charts.js';
import { h, replace } from '../dom.js';
import { num, when } from '../format.js';
import { t } from '../i18n.js';
import { confirmed, definition, errorText, message, secretPanel, table } from '../ui.js';
import { orderDetail, orderList } from './orders.js';

interface Me {
  account: { key: string; name: string; state: string; billing: string; balance: number; creditLimit: number; allowedIps: string[];
    interfaces: Record<string, { bought: boolean; enabled: boolean }>; prices: Record<string, number>; formats: string[]; dailyQuota: number | null; concurrencyLimit: number };
  ledger: Array<{ at: string; kind: string; amount: number; orderNo: string | null }>;
  usage: { days: string[]; byStatus: DayCount[] };
}

/** The customer's 我的公司: its own account only (the server answers nothing else to this session). */
export async function customerHome(main: HTMLElement): Promise<void> {
  const me = await api<Me>('GET', 'me');
  const a = me.account;
  const status = h('div', { 'aria-live': 'polite' });
  const rotate = h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!confirmed(t('rotateConfirm'))) return;
    try {
      const r = await api<{ key: string; secretKey: string }>('POST', 'me/rotate-secret');
      replace(status, secretPanel(r.key, r.secretKey, () => replace(status)));
    } catch (err) { replace(status, message('error', errorText(err))); }
  } }, t('rotateSecret'));
  const perms = Object.entries(a.interfaces).filter(([, p]) => p.bought);
  replace(main, h('h1', {}, a.name), status,
    h('section', { class: 'card' }, h('h2', {}, t('myAccount')), definition([
      [t('keyLabel'), h('code', {}, a.key)], [t('state'), a.state], [t('balance'), h('strong', { 'data-testid': 'balance' }, num(a.balance))],
      [t('billing'), a.billing], [t('dailyQuota'), a.dailyQuota === null ? t('unlimited') : num(a.dailyQuota)], [t('concurrencyLimit'), num(a.concurrencyLimit)],
      [t('allowedIps'), a.allowedIps.length ? a.allowedIps.join(', ') : t('unlimited')],
    ]), rotate),
    stackedBars(t('usage'), me.usage.days, me.usage.byStatus),
    h('section', { class: 'card' }, h('h2', {}, t('permissions')), table([t('name'), t('enabled'), t('price')],
      perms.map(([name, p]) => [h('code', {}, name), p.enabled ? '✓' : '✗',
        Object.entries(a.prices).filter(([k]) => k === name || k.startsWith(`${name}:`)).map(([k, v]) => `${k}: ${v}`).join(', ') || '—']))),
    h('section', { class: 'card' }, h('h2', {}, t('ledger')), table([t('at'), t('kind'), t('amount'), t('orderNo')],
      me.ledger.map((l) => [when(l.at), l.kind, num(l.amount), l.orderNo ? h('a', { href: `#/me/orders/${l.orderNo}` }, l.orderNo) : '—']))));
}

export async function customerOrdersPage(main: HTMLElement): Promise<void> {
  await orderList(main, { base: 'me/orders', link: 'me/orders', title: t('myOrders'), withAccount: false });
}

export async function customerOrderPage(main: HTMLElement, [orderNo]: string[]): Promise<void> {
  await orderDetail(main, { base: 'me/orders', orderNo: orderNo!, back: 'me/orders', operator: false });
}
