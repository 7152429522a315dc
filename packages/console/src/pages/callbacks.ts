import { api, query } from '../api.js';
import { field, h, input, replace, select } from '../dom.js';
import { num, when } from '../format.js';
import { t, type Word } from '../i18n.js';
import { confirmed, errorText, message, table } from '../ui.js';
import { hashQuery } from './orders.js';

interface Delivery {
  id: string; accountKey: string; url: string; eventType: string; state: 'pending' | 'delivered' | 'failed'; attempts: number; nextAt: string;
  lastStatus: string | null; lastError: string | null; createdAt: string; deliveredAt: string | null;
}

const stateBadge = (s: Delivery['state']) => h('span', { class: `state state-${s === 'delivered' ? 'S' : s === 'failed' ? 'F' : 'P'}` }, t(`delivery_${s}` as Word));

function deliveryRows(list: Delivery[], opts: { operator: boolean; replay?: (d: Delivery) => void }) {
  return table([t('createdAt'), ...(opts.operator ? [t('account')] : []), t('event'), t('callbackUrl'), t('state'), t('attempts'), t('lastStatus'), t('lastError'), ...(opts.replay ? [''] : [])],
    list.map((d) => [
      when(d.createdAt), ...(opts.operator ? [h('a', { href: `#/accounts/${d.accountKey}` }, h('code', {}, d.accountKey.slice(0, 8)))] : []),
      d.eventType, h('code', { class: 'url' }, d.url), stateBadge(d.state), num(d.attempts), d.lastStatus ?? '—', d.lastError ?? '—',
      ...(opts.replay ? [h('button', { type: 'button', class: 'small', 'aria-label': `${t('replay')} ${d.id}`, onclick: () => opts.replay!(d) }, t('replay'))] : []),
    ]), t('deliveries'));
}

/** 回调 (operator): every account's callback deliveries, failed ones first to hand, and replay after a confirmation. */
export async function deliveriesPage(main: HTMLElement): Promise<void> {
  const qs = hashQuery();
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', {}, t('loading'));
  const state = select([['', t('all')], ['failed', t('delivery_failed')], ['pending', t('delivery_pending')], ['delivered', t('delivery_delivered')]], qs.get('state') ?? '');
  const account = input({ value: qs.get('account') ?? '', spellcheck: false });
  const load = async () => {
    const { deliveries } = await api<{ deliveries: Delivery[] }>('GET', `deliveries${query({ state: state.value, account: account.value.trim() })}`);
    replace(list, deliveryRows(deliveries, { operator: true, replay: (d) => void replay(d) }));
  };
  const replay = async (d: Delivery) => {
    if (!confirmed(t('replayConfirm').replace('{url}', d.url))) return;
    try {
      await api('POST', `deliveries/${encodeURIComponent(d.id)}/replay`);
      replace(status, message('ok', t('replayed')));
      await load();
    } catch (err) {
      replace(status, message('error', errorText(err)));
    }
  };
  const form = h('form', { class: 'card filters', role: 'search', 'aria-label': t('filter') },
    h('div', { class: 'row' }, field(t('state'), state), field(t('account'), account)), h('button', { type: 'submit' }, t('filter')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    history.replaceState(null, '', `#/deliveries${query({ state: state.value, account: account.value.trim() })}`);
    replace(status);
    void load().catch((err) => replace(status, message('error', errorText(err))));
  });
  replace(main, h('h1', {}, t('deliveries')), form, status, list);
  await load();
}

/** 监控 (customer): the companies its Monitor/* calls watch, a page at a time. */
export async function customerWatchesPage(main: HTMLElement): Promise<void> {
  const list = h('div', {}, t('loading'));
  const load = async (offset: number) => {
    const page = await api<{ watches: Array<{ keyNo: string; name: string; addedAt: string }>; total: number; limit: number }>('GET', `me/watches?offset=${offset}`);
    replace(list,
      h('p', { 'data-testid': 'watch-total' }, `${t('total')} ${num(page.total)}`),
      table([t('company'), 'KeyNo', t('addedAt')], page.watches.map((w) => [w.name || t('unknown'), h('code', {}, w.keyNo), when(w.addedAt)]), t('watchList')),
      h('div', { class: 'pager' },
        offset > 0 ? h('button', { type: 'button', onclick: () => void load(Math.max(0, offset - page.limit)) }, t('previous')) : null,
        offset + page.limit < page.total ? h('button', { type: 'button', onclick: () => void load(offset + page.limit) }, t('next')) : null));
  };
  replace(main, h('h1', {}, t('watchList')), h('p', { class: 'muted' }, t('watchHint')), list);
  await load(0);
}

/** 回调 (customer): its callback URL (settable when the server allows) and its own deliveries. */
export async function customerDeliveriesPage(main: HTMLElement): Promise<void> {
  const d = await api<{ callbackUrl: string | null; customerMaySetUrl: boolean; deliveries: Delivery[] }>('GET', 'me/deliveries');
  const status = h('div', { 'aria-live': 'polite' });
  const url = input({ type: 'url', value: d.callbackUrl ?? '', placeholder: 'https://', spellcheck: false });
  const form = h('form', { class: 'card' }, field(t('callbackUrl'), url, t('callbackUrlHint')), h('button', { type: 'submit' }, t('save')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!confirmed(t('confirmChange'))) return;
    try {
      await api('PATCH', 'me/callback-url', { callbackUrl: url.value.trim() === '' ? null : url.value.trim() });
      await customerDeliveriesPage(main);
      main.querySelector('[aria-live]')?.append(message('ok', t('saved')));
    } catch (err) {
      replace(status, message('error', errorText(err)));
    }
  });
  replace(main, h('h1', {}, t('deliveries')), status,
    d.customerMaySetUrl ? form : h('section', { class: 'card' }, h('p', {}, `${t('callbackUrl')}: `, h('code', {}, d.callbackUrl ?? t('none'))), h('p', { class: 'muted' }, t('callbackUrlOperatorOnly'))),
    deliveryRows(d.deliveries, { operator: false }));
}
