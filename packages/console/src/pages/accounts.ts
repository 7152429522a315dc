import { api, query } from '../api.js';
import { field, h, input, replace, select } from '../dom.js';
import { num, when } from '../format.js';
import { t } from '../i18n.js';
import { confirmed, definition, errorText, message, secretPanel, table } from '../ui.js';

interface Account {
  key: string; name: string; state: string; billing: string; balance: number; creditLimit: number; prices: Record<string, number>;
  formats: string[]; interfaces: Record<string, { bought: boolean; enabled: boolean }>; allowedIps: string[]; dailyQuota: number | null;
  concurrencyLimit: number; interfaceQuotas?: Record<string, number>; callbackUrl?: string | null; ordersInFlight: number; authLockedUntil: string | null; paramLockedUntil: string | null; createdAt: string; updatedAt: string;
}
type Billing = { per: 'call'; defaultPrice: number } | { per: 'format'; formats: string[]; defaultPrice: number } | { per: 'free' };
interface InterfaceInfo { name: string; billing: Billing; summary?: string; quota?: boolean }


export async function accountsPage(main: HTMLElement): Promise<void> {
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div', {}, t('loading'));
  const q = input({ type: 'search', placeholder: t('search') });
  const load = async () => {
    const { accounts } = await api<{ accounts: Account[] }>('GET', `accounts${query({ q: q.value.trim() })}`);
    replace(list, table([t('name'), t('keyLabel'), t('state'), t('balance'), t('createdAt')], accounts.map((a) => [
      h('a', { href: `#/accounts/${a.key}` }, a.name), h('code', {}, a.key), a.state, num(a.balance), when(a.createdAt),
    ]), t('accounts')));
  };
  const searchForm = h('form', { role: 'search', class: 'inline' }, field(t('search'), q), h('button', { type: 'submit' }, t('search')));
  searchForm.addEventListener('submit', (e) => { e.preventDefault(); void load().catch((err) => replace(status, message('error', errorText(err)))); });

  const name = input({ required: true, maxlength: 200 });
  const balance = input({ type: 'number', min: 0, step: 1, value: '0' });
  const billing = select([['prepaid', 'prepaid'], ['postpaid', 'postpaid']], 'prepaid');
  const createForm = h('form', { class: 'card', 'aria-label': t('newAccount') }, h('h2', {}, t('newAccount')),
    h('div', { class: 'row' }, field(t('name'), name), field(t('initialBalance'), balance), field(t('billing'), billing)),
    h('button', { type: 'submit' }, t('create')));
  createForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(status);
    try {
      const created = await api<{ key: string; secretKey: string }>('POST', 'accounts', { name: name.value, balance: Number(balance.value || 0), billing: billing.value });
      name.value = '';
      replace(status, secretPanel(created.key, created.secretKey, () => replace(status)));
      await load();
    } catch (err) {
      replace(status, message('error', errorText(err)));
    }
  });
  replace(main, h('h1', {}, t('accounts')), status, createForm, searchForm, list);
  await load();
}

export async function accountPage(main: HTMLElement, [key]: string[]): Promise<void> {
  const [{ account, ledger }, { interfaces }] = await Promise.all([
    api<{ account: Account; ledger: Array<{ at: string; kind: string; amount: number; orderNo: string | null; interface: string | null }> }>('GET', `accounts/${key}`),
    api<{ interfaces: InterfaceInfo[] }>('GET', 'interfaces'),
  ]);
  const status = h('div', { 'aria-live': 'polite' });
  const patch = async (body: Record<string, unknown>, question?: string) => {
    if (question && !confirmed(question)) return;
    // The last outcome goes at once, so "saved" always speaks of this change.
    replace(status, message('info', t('loading')));
    try {
      await api('PATCH', `accounts/${key}`, body);
      await accountPage(main, [key!]);
      main.querySelector('[aria-live]')?.append(message('ok', t('saved')));
    } catch (err) {
      replace(status, message('error', errorText(err)));
    }
  };
  const a = account;
  const locked = a.state === 'locked' || a.authLockedUntil !== null || a.paramLockedUntil !== null;
  const actions = h('div', { class: 'actions' },
    a.state === 'suspended'
      ? h('button', { type: 'button', onclick: () => patch({ state: 'active' }) }, t('resume'))
      : h('button', { type: 'button', onclick: () => patch({ state: 'suspended' }, `${t('suspend')} ${a.name}?`) }, t('suspend')),
    locked
      ? h('button', { type: 'button', onclick: () => patch(a.state === 'locked' ? { state: 'active' } : { clearLockouts: true }) }, t('unlock'))
      : h('button', { type: 'button', onclick: () => patch({ state: 'locked' }, `${t('lock')} ${a.name}?`) }, t('lock')),
    h('button', { type: 'button', class: 'danger', onclick: async () => {
      if (!confirmed(t('rotateConfirm'))) return;
      try {
        const r = await api<{ key: string; secretKey: string }>('POST', `accounts/${key}/rotate-secret`);
        replace(status, secretPanel(r.key, r.secretKey, () => replace(status)));
      } catch (err) { replace(status, message('error', errorText(err))); }
    } }, t('rotateSecret')));

  const topup = input({ type: 'number', min: 1, step: 1, required: true });
  const topupForm = h('form', { class: 'inline' }, field(t('topupAmount'), topup), h('button', { type: 'submit' }, t('topup')));
  topupForm.addEventListener('submit', (e) => { e.preventDefault(); void patch({ topup: Number(topup.value) }); });

  const quota = input({ type: 'number', min: 0, step: 1, value: a.dailyQuota === null ? '' : String(a.dailyQuota), placeholder: t('unlimited') });
  const concurrency = input({ type: 'number', min: 1, step: 1, value: String(a.concurrencyLimit) });
  const limitsForm = h('form', { class: 'inline' }, field(t('dailyQuota'), quota), field(t('concurrencyLimit'), concurrency), h('button', { type: 'submit' }, t('save')));
  limitsForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void patch({ dailyQuota: quota.value.trim() === '' ? null : Number(quota.value), concurrencyLimit: Number(concurrency.value) });
  });

  const ips = h('textarea', { rows: 3, spellcheck: false });
  ips.value = a.allowedIps.join('\n');
  const ipForm = h('form', {}, field(t('allowedIps'), ips, t('allowedIpsHint')), h('button', { type: 'submit' }, t('save')));
  ipForm.addEventListener('submit', (e) => { e.preventDefault(); void patch({ allowedIps: ips.value.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean) }); });

  const callback = input({ type: 'url', value: a.callbackUrl ?? '', placeholder: 'https://', spellcheck: false });
  const callbackForm = h('form', { class: 'inline' }, field(t('callbackUrl'), callback, t('callbackUrlHint')), h('button', { type: 'submit' }, t('save')));
  callbackForm.addEventListener('submit', (e) => { e.preventDefault(); void patch({ callbackUrl: callback.value.trim() === '' ? null : callback.value.trim() }, t('confirmChange')); });

  // Interfaces and report types: bought/enabled, a price per price key (NAME, or NAME:FORMAT) and a
  // daily quota per billed interface. Only what the operator changed is sent, so a price left as
  // shown keeps following its default.
  const rows = interfaces.map((d) => {
    const perm = a.interfaces[d.name] ?? { bought: false, enabled: false };
    const bought = h('input', { type: 'checkbox', checked: perm.bought, 'aria-label': `${d.name} ${t('bought')}` });
    const enabled = h('input', { type: 'checkbox', checked: perm.enabled, 'aria-label': `${d.name} ${t('enabled')}` });
    const keys = d.billing.per === 'format' ? d.billing.formats.map((f) => `${d.name}:${f}`) : d.billing.per === 'call' ? [d.name] : [];
    const def = d.billing.per === 'free' ? 0 : d.billing.defaultPrice;
    const prices = keys.map((k) => {
      const shown = String(a.prices[k] ?? a.prices[k.replace(/^CreateReport:/, '')] ?? (k.startsWith('ReportType/') ? a.prices[`CreateReport:${k.split(':')[1]}`] : undefined) ?? def);
      return input({ type: 'number', min: 0, step: 1, value: shown, 'aria-label': `${k} ${t('price')}`, 'data-key': k, 'data-shown': shown, class: 'price' });
    });
    const quotaShown = a.interfaceQuotas?.[d.name] === undefined ? '' : String(a.interfaceQuotas[d.name]);
    const quota = d.quota ? input({ type: 'number', min: 0, step: 1, value: quotaShown, placeholder: t('unlimited'), 'aria-label': `${d.name} ${t('dailyQuota')}`, 'data-shown': quotaShown, class: 'price' }) : null;
    return { d, perm, bought, enabled, prices, quota };
  });
  const ifaceForm = h('form', {}, h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ...[t('name'), t('bought'), t('enabled'), t('price'), t('dailyQuota')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, h('td', {}, h('code', {}, r.d.name), r.d.summary && r.d.name.startsWith('ReportType/') ? h('small', { class: 'hint' }, ` ${r.d.summary}`) : null),
      h('td', {}, r.bought), h('td', {}, r.enabled),
      h('td', {}, r.prices.length ? r.prices.map((p) => h('label', { class: 'price-label' }, p.dataset.key!.split(':')[1] ?? '', p)) : '—'),
      h('td', {}, r.quota ?? '—')))))),
  h('button', { type: 'submit' }, t('save')));
  ifaceForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const perms: Record<string, unknown> = {};
    const prices: Record<string, number> = {};
    const quotas: Record<string, number | null> = {};
    for (const r of rows) {
      if (r.bought.checked !== r.perm.bought || r.enabled.checked !== r.perm.enabled) perms[r.d.name] = { bought: r.bought.checked, enabled: r.enabled.checked };
      for (const p of r.prices) if (p.value.trim() !== '' && p.value !== p.dataset.shown) prices[p.dataset.key!] = Number(p.value);
      if (r.quota && r.quota.value !== r.quota.dataset.shown) quotas[r.d.name] = r.quota.value.trim() === '' ? null : Number(r.quota.value);
    }
    const body: Record<string, unknown> = {};
    if (Object.keys(perms).length) body.interfaces = perms;
    if (Object.keys(prices).length) body.prices = prices;
    if (Object.keys(quotas).length) body.interfaceQuotas = quotas;
    if (Object.keys(body).length) void patch(body);
  });

  replace(main,
    h('p', {}, h('a', { href: '#/accounts' }, `← ${t('accounts')}`)),
    h('h1', {}, a.name), status,
    h('section', { class: 'card' }, definition([
      [t('keyLabel'), h('code', {}, a.key)], [t('state'), a.state], [t('billing'), a.billing], [t('balance'), num(a.balance)],
      [t('creditLimit'), num(a.creditLimit)], [t('dailyQuota'), a.dailyQuota === null ? t('unlimited') : num(a.dailyQuota)],
      [t('concurrencyLimit'), num(a.concurrencyLimit)], [t('allowedIps'), a.allowedIps.length ? a.allowedIps.join(', ') : t('unlimited')],
      [t('createdAt'), when(a.createdAt)], [t('updatedAt'), when(a.updatedAt)],
    ]), actions),
    h('section', { class: 'card' }, h('h2', {}, t('topup')), topupForm, h('h2', {}, `${t('dailyQuota')} / ${t('concurrencyLimit')}`), limitsForm),
    h('section', { class: 'card' }, h('h2', {}, t('allowedIps')), ipForm),
    h('section', { class: 'card' }, h('h2', {}, t('interfaces')), ifaceForm),
    h('section', { class: 'card' }, h('h2', {}, t('ledger')), table([t('at'), t('kind'), t('amount'), t('orderNo')],
      ledger.map((l) => [when(l.at), l.kind, num(l.amount), l.orderNo ? h('a', { href: `#/orders/${l.orderNo}` }, l.orderNo) : '—']))),
    // Last on the page, so the forms above keep their order.
    h('section', { class: 'card' }, h('h2', {}, t('callbackUrl')), callbackForm,
      h('p', {}, h('a', { href: `#/deliveries?account=${a.key}` }, `${t('deliveries')} →`))),
    h('p', {}, h('a', { href: `#/orders?account=${a.key}` }, `${t('orders')} →`)));
}
