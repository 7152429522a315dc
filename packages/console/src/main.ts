import { api, dropPrefetched, prefetch, query, setSession, type Session } from './api.js';
import { h, replace } from './dom.js';
import { t, toggleLang, currentLang, type Word } from './i18n.js';
import { accountsPage, accountPage } from './pages/accounts.js';
import { companiesPage, companyPage } from './pages/companies.js';
import { customerHome, customerOrderPage, customerOrdersPage } from './pages/customer.js';
import { customerDeliveriesPage, customerWatchesPage, deliveriesPage } from './pages/callbacks.js';
import { dataPage } from './pages/data.js';
import { firstListPath, hashQuery, orderPage, ordersPage } from './pages/orders.js';
import { overviewPage } from './pages/overview.js';
import { signinPage } from './pages/signin.js';
import { systemPage } from './pages/system.js';
import { errorText, message } from './ui.js';

/** A page renders into `main` from the route's parameters. */
export type Page = (main: HTMLElement, params: string[]) => Promise<void> | void;

const OPERATOR_NAV: Array<[string, Word]> = [['overview', 'overview'], ['accounts', 'accounts'], ['orders', 'orders'], ['companies', 'companies'], ['deliveries', 'deliveries'], ['data', 'data'], ['system', 'system']];
const CUSTOMER_NAV: Array<[string, Word]> = [['me', 'myCompany'], ['me/orders', 'myOrders'], ['me/watches', 'watchList'], ['me/deliveries', 'deliveries']];

/**
 * The API reads a page makes first (exactly the paths it asks for), given the route's parameters:
 * started with the session at start, so the page's data is on its way while the script sets up.
 */
type FirstReads = (params: string[]) => string[];

const OPERATOR_ROUTES: Array<[RegExp, Page, FirstReads]> = [
  [/^overview$/, overviewPage, () => ['overview']],
  [/^accounts$/, accountsPage, () => ['accounts']],
  [/^accounts\/([0-9a-f]{32})$/, accountPage, ([key]) => [`accounts/${key}`, 'interfaces']],
  [/^orders$/, ordersPage, () => [firstListPath('orders', true)]],
  [/^orders\/([0-9a-f]{32})$/, orderPage, ([orderNo]) => [`orders/${orderNo}`]],
  [/^companies$/, companiesPage, () => { const q = (hashQuery().get('q') ?? '').trim(); return q ? [`companies${query({ q })}`] : []; }],
  [/^companies\/([^/]+)$/, companyPage, ([keyNo]) => [`companies/${encodeURIComponent(keyNo!)}`]],
  [/^deliveries$/, deliveriesPage, () => { const qs = hashQuery(); return [`deliveries${query({ state: qs.get('state'), account: qs.get('account')?.trim() })}`]; }],
  [/^data$/, dataPage, () => ['imports']],
  [/^system$/, systemPage, () => ['settings']],
];
const CUSTOMER_ROUTES: Array<[RegExp, Page, FirstReads]> = [
  [/^me$/, customerHome, () => ['me']],
  [/^me\/orders$/, customerOrdersPage, () => [firstListPath('me/orders', false)]],
  [/^me\/orders\/([0-9a-f]{32})$/, customerOrderPage, ([orderNo]) => [`me/orders/${orderNo}`]],
  [/^me\/watches$/, customerWatchesPage, () => ['me/watches?offset=0']],
  [/^me\/deliveries$/, customerDeliveriesPage, () => ['me/deliveries']],
];

function matchRoute(routes: Array<[RegExp, Page, FirstReads]>, current: string): { page: Page; params: string[]; reads: FirstReads } | undefined {
  for (const [re, page, reads] of routes) {
    const m = re.exec(current);
    if (m) return { page, params: m.slice(1), reads };
  }
  return undefined;
}

let session: Session | null = null;
const root = document.getElementById('app')!;

export async function start(): Promise<void> {
  document.documentElement.lang = currentLang() === 'zh' ? 'zh-CN' : 'en';
  const asked = api<Session>('GET', 'session');
  // Which role the session has is not known yet: the address says which page, and a page exists
  // for one role only. Signed out, these answer 401 and are dropped unread.
  const current = route();
  const found = matchRoute(current.startsWith('me') ? CUSTOMER_ROUTES : OPERATOR_ROUTES, current);
  if (found) prefetch(found.reads(found.params));
  try {
    session = await asked;
  } catch {
    session = null;
  }
  setSession(session);
  render();
}

/** After sign-in or sign-out. */
export function signedIn(s: Session | null): void {
  dropPrefetched();
  session = s;
  setSession(s);
  location.hash = s ? (s.role === 'operator' ? '#/overview' : '#/me') : '#/';
  render();
}

function route(): string {
  return decodeURIComponent(location.hash.replace(/^#\/?/, '').split('?')[0] ?? '');
}

function render(): void {
  const langButton = h('button', { type: 'button', class: 'link', onclick: () => { toggleLang(); render(); } }, t('language'));
  if (!session) {
    dropPrefetched();
    const main = h('main', { id: 'main' });
    replace(root, h('header', { class: 'top' }, h('span', { class: 'brand' }, t('appName')), h('span', { class: 'spacer' }), langButton), main);
    signinPage(main, signedIn);
    return;
  }
  const nav = session.role === 'operator' ? OPERATOR_NAV : CUSTOMER_NAV;
  const routes = session.role === 'operator' ? OPERATOR_ROUTES : CUSTOMER_ROUTES;
  const current = route();
  const found = matchRoute(routes, current);
  if (!found) {
    dropPrefetched();
    location.replace(`#/${nav[0]![0]}`);
    return;
  }
  const signOut = h('button', { type: 'button', class: 'link', onclick: async () => {
    try { await api('POST', 'signout'); } catch { /* the session is gone either way */ }
    signedIn(null);
  } }, t('signOut'));
  const main = h('main', { id: 'main' });
  replace(root,
    h('header', { class: 'top' },
      h('span', { class: 'brand' }, t('appName')),
      h('nav', { 'aria-label': t('appName') }, h('ul', {}, ...nav.map(([path, word]) =>
        h('li', {}, h('a', { href: `#/${path}`, 'aria-current': current === path || current.startsWith(`${path}/`) && path !== 'me' ? 'page' : undefined }, t(word)))))),
      h('span', { class: 'spacer' }),
      h('span', { class: 'who' }, session.role === 'operator' ? session.actor.replace(/^operator:/, '') : session.accountKey),
      langButton, signOut),
    main);
  Promise.resolve(found.page(main, found.params)).then(() => {
    // The timeline's mark for "the page's content is shown" (bench/console.ts reads it).
    performance.mark('console:page-shown');
  }, (err: unknown) => {
    if ((err as { status?: number }).status === 401) { signedIn(null); return; }
    main.append(message('error', errorText(err)));
  }).finally(dropPrefetched);
}

performance.mark('console:script-run');
window.addEventListener('hashchange', () => render());
void start();
