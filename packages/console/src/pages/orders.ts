import { api, query } from '../api.js';
import { field, h, input, replace, select } from '../dom.js';
import { bytes, num, orderState, when } from '../format.js';
import { t } from '../i18n.js';
import { confirmed, definition, errorText, message, table } from '../ui.js';

export interface OrderView {
  orderNo: string; accountKey: string; keyNo: string; companyName: string; creditCode: string | null; format: string; state: string; price: number;
  createdAt: string; finishedAt: string | null; expiresAt: string | null; fileSize: number | null; failReason: string | null; hasFile: boolean;
}
interface OrderDetail {
  order: OrderView; timeline: Array<{ state: string; at: string }>; job: { attempts: number; runAt: string; lastError: string | null } | null;
  ledger: Array<{ at: string; kind: string; amount: number }>; repair: { foundAt: string; reason: string; repairedAt: string | null } | null;
  rerenderedAs: RerenderLink | null; rerenderOf: RerenderLink | null;
}
interface RerenderLink { failedOrderNo: string; orderNo: string; actor: string; charged: number; at: string }

/** The hash's query (`#/orders?account=…`): filters survive a reload and can be linked to. */
export function hashQuery(): URLSearchParams {
  const i = location.hash.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : location.hash.slice(i + 1));
}

type Filters = Record<'account' | 'company' | 'state' | 'from' | 'to', string>;

function listFilters(f: Filters, withAccount: boolean): Record<string, string | undefined> {
  return { account: withAccount ? f.account.trim() : undefined, company: f.company.trim(), state: f.state, from: f.from, to: f.to };
}

/** The first page's API path for the filters in the address: what `orderList` will ask first, so it can be fetched before the page is built. */
export function firstListPath(base: string, withAccount: boolean): string {
  const qs = hashQuery();
  const f = { account: qs.get('account') ?? '', company: qs.get('company') ?? '', state: qs.get('state') ?? '', from: qs.get('from') ?? '', to: qs.get('to') ?? '' };
  return `${base}${query(listFilters(f, withAccount))}`;
}

/**
 * A paged order list (the server pages with a keyset cursor: "next" is cheap at any depth).
 * `base` is the API path (`orders` or `me/orders`), `link` the page path of one order.
 */
export async function orderList(main: HTMLElement, opts: { base: string; link: string; title: string; withAccount: boolean }): Promise<void> {
  const qs = hashQuery();
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', {}, t('loading'));
  const account = input({ value: qs.get('account') ?? '', spellcheck: false, pattern: '[0-9a-f]{32}' });
  const company = input({ value: qs.get('company') ?? '' });
  const state = select([['', t('all')], ['P', orderState('P')], ['S', orderState('S')], ['F', orderState('F')]], qs.get('state') ?? '');
  const from = input({ type: 'date', value: qs.get('from') ?? '' });
  const to = input({ type: 'date', value: qs.get('to') ?? '' });
  const filters = () => listFilters({ account: account.value, company: company.value, state: state.value, from: from.value, to: to.value }, opts.withAccount);
  const cursors: string[] = [];
  const load = async (cursor?: string) => {
    const started = performance.now();
    const page = await api<{ orders: OrderView[]; next: string | null }>('GET', `${opts.base}${query({ ...filters(), cursor })}`);
    const ms = performance.now() - started;
    const nav = h('div', { class: 'pager' },
      cursors.length ? h('button', { type: 'button', onclick: () => { cursors.length = 0; void load(); } }, t('first')) : null,
      page.next ? h('button', { type: 'button', onclick: () => { cursors.push(page.next!); void load(page.next!); } }, t('next')) : null,
      h('small', { class: 'muted', 'data-testid': 'list-ms' }, `${Math.round(ms)} ms`));
    replace(list, table([t('orderNo'), t('company'), t('state'), t('format'), t('price'), t('createdAt'), t('finishedAt'), ''], page.orders.map((o) => [
      h('a', { href: `#/${opts.link}/${o.orderNo}` }, h('code', {}, o.orderNo)), o.companyName,
      h('span', { class: `state state-${o.state}` }, orderState(o.state)), o.format, num(o.price), when(o.createdAt), when(o.finishedAt),
      o.hasFile ? h('a', { href: `/console/api/${opts.base}/${o.orderNo}/file`, download: '' }, t('download')) : '',
    ]), opts.title), nav);
  };
  const form = h('form', { class: 'card filters', role: 'search', 'aria-label': t('filter') },
    h('div', { class: 'row' },
      opts.withAccount ? field(t('account'), account) : null, field(t('company'), company), field(t('state'), state), field(t('from'), from), field(t('to'), to)),
    h('button', { type: 'submit' }, t('filter')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = filters();
    history.replaceState(null, '', `#/${opts.base}${query(f)}`);
    cursors.length = 0;
    replace(status);
    void load().catch((err) => replace(status, message('error', errorText(err))));
  });
  replace(main, h('h1', {}, opts.title), form, status, list);
  await load().catch((err) => replace(status, message('error', errorText(err))));
}

export async function orderDetail(main: HTMLElement, opts: { base: string; orderNo: string; back: string; operator: boolean }): Promise<void> {
  const d = await api<OrderDetail>('GET', `${opts.base}/${opts.orderNo}`);
  const o = d.order;
  const refund = d.ledger.find((l) => l.kind === 'refund');
  const status = h('div', { 'aria-live': 'polite' });
  const linkTo = (orderNo: string) => h('a', { href: `#/${opts.back}/${orderNo}` }, h('code', {}, orderNo));
  const linkFacts = (l: RerenderLink) => [`${t('rerenderBy')} ${l.actor}, ${t('charged')} ${num(l.charged)}, ${when(l.at)}`];
  // An operator may re-render a failed order once (as a new, linked order), charged or free, after a confirmation.
  const rerender = async (charge: boolean) => {
    if (!confirmed(charge ? t('rerenderConfirmCharged').replace('{price}', num(o.price)) : t('rerenderConfirmFree'))) return;
    try {
      const res = await api<{ order: OrderView }>('POST', `${opts.base}/${o.orderNo}/rerender`, { charge });
      location.hash = `#/${opts.back}/${res.order.orderNo}`;
    } catch (err) {
      replace(status, message('error', errorText(err)));
    }
  };
  const rerenderButtons = opts.operator && o.state === 'F' && !d.rerenderedAs
    ? h('p', { class: 'actions' },
      h('button', { type: 'button', onclick: () => void rerender(true) }, t('rerenderCharged').replace('{price}', num(o.price))),
      h('button', { type: 'button', class: 'secondary', onclick: () => void rerender(false) }, t('rerenderFree')))
    : null;
  replace(main,
    h('p', {}, h('a', { href: `#/${opts.back}` }, `← ${t('orders')}`)),
    h('h1', {}, o.companyName),
    h('section', { class: 'card' }, definition([
      [t('orderNo'), h('code', {}, o.orderNo)], [t('state'), h('span', { class: `state state-${o.state}` }, orderState(o.state))],
      ...(opts.operator ? [[t('account'), h('a', { href: `#/accounts/${o.accountKey}` }, h('code', {}, o.accountKey))] as [string, Node]] : []),
      [t('uscc'), o.creditCode ?? '—'], [t('format'), o.format], [t('price'), num(o.price)], [t('fileSize'), bytes(o.fileSize)],
      [t('expiresAt'), when(o.expiresAt)], [t('attempts'), d.job ? num(d.job.attempts) : t('unknown')],
      [t('failReason'), o.failReason ?? '—'], [t('refund'), refund ? `${num(refund.amount)} (${when(refund.at)})` : '—'],
      ...(d.rerenderOf ? [[t('rerenderOf'), h('span', {}, linkTo(d.rerenderOf.failedOrderNo), ' ', ...linkFacts(d.rerenderOf))] as [string, Node]] : []),
      ...(d.rerenderedAs ? [[t('rerenderedAs'), h('span', {}, linkTo(d.rerenderedAs.orderNo), ' ', ...linkFacts(d.rerenderedAs))] as [string, Node]] : []),
    ]),
    rerenderButtons, status,
    o.hasFile ? h('p', {}, h('a', { class: 'button', href: `/console/api/${opts.base}/${o.orderNo}/file`, download: '' }, t('download'))) : null),
    h('section', { class: 'card' }, h('h2', {}, t('timeline')), h('ol', { class: 'timeline' },
      ...d.timeline.map((s) => h('li', { class: `state-${s.state}` }, h('strong', {}, `${s.state} ${orderState(s.state)}`), ' ', when(s.at))))),
    d.repair ? h('section', { class: 'card' }, message('error', `${d.repair.reason} (${when(d.repair.foundAt)})`)) : null);
}

export async function ordersPage(main: HTMLElement): Promise<void> {
  await orderList(main, { base: 'orders', link: 'orders', title: t('orders'), withAccount: true });
}

export async function orderPage(main: HTMLElement, [orderNo]: string[]): Promise<void> {
  await orderDetail(main, { base: 'orders', orderNo: orderNo!, back: 'orders', operator: true });
}
