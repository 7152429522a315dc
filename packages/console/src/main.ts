import { api, setSession, type Session } from './api.js';
import { h, replace } from './dom.js';
import { t, toggleLang, currentLang, type Word } from './i18n.js';
import { accountsPage, accountPage } from './pages/accounts.js';
import { companiesPage, companyPage } from './pages/companies.js';
import { customerHome, customerOrderPage, customerOrdersPage } from './pages/customer.js';
import { customerDeliveriesPage, customerWatchesPage, deliveriesPage } from './pages/callbacks.js';
import { dataPage } from './pages/data.js';
import { orderPage, ordersPage } from './pages/orders.js';
import { overviewPage } from './pages/overview.js';
import { signinPage } from './pages/signin.js';
import { systemPage } from './pages/system.js';
import { errorText, message } from './ui.js';

/** A page renders into `main` from the route's parameters. */
export type Page = (main: HTMLElement, params: string[]) => Promise<void> | void;

const OPERATOR_NAV: Array<[string, Word]> = [['overview', 'overview'], ['accounts', 'accounts'], ['orders', 'orders'], ['companies', 'companies'], ['deliveries', 'deliveries'], ['data', 'data'], ['system', 'system']];
const CUSTOMER_NAV: Array<[string, Word]> = [['me', 'myCompany'], ['me/orders', 'myOrders'], ['me/watches', 'watchList'], ['me/deliveries', 'deliveries']];

const OPERATOR_ROUTES: Array<[RegExp, Page]> = [
  [/^overview$/, overviewPage],
  [/^accounts$/, accountsPage],
  [/^accounts\/([0-9a-f]{32})$/, accountPage],
  [/^orders$/, ordersPage],
  [/^orders\/([0-9a-f]{32})$/, orderPage],
  [/^companies$/, companiesPage],
  [/^companies\/([^/]+)$/, companyPage],
  [/^deliveries$/, deliveriesPage],
  [/^data$/, dataPage],
  [/^system$/, systemPage],
];
const CUSTOMER_ROUTES: Array<[RegExp, Page]> = [
  [/^me$/, customerHome],
  [/^me\/orders$/, customerOrdersPage],
  [/^me\/orders\/([0-9a-f]{32})$/, customerOrderPage],
  [/^me\/watches$/, customerWatchesPage],
  [/^me\/deliveries$/, customerDeliveriesPage],
];

let session: Session | null = null;
const root = document.getElementById('app')!;

export async function start(): Promise<void> {
  document.documentElement.lang = currentLang() === 'zh' ? 'zh-CN' : 'en';
  try {
    session = await api<Session>('GET', 'session');
  } catch {
    session = null;
  }
  setSession(session);
  render();
}

/** After sign-in or sign-out. */
export function signedIn(s: Session | null): void {
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
    const main = h('main', { id: 'main' });
    replace(root, h('header', { class: 'top' }, h('span', { class: 'brand' }, t('appName')), h('span', { class: 'spacer' }), langButton), main);
    signinPage(main, signedIn);
    return;
  }
  const nav = session.role === 'operator' ? OPERATOR_NAV : CUSTOMER_NAV;
  const routes = session.role === 'operator' ? OPERATOR_ROUTES : CUSTOMER_ROUTES;
  const current = route();
  let page: Page | undefined;
  let params: string[] = [];
  for (const [re, p] of routes) {
    const m = re.exec(current);
    if (m) { page = p; params = m.slice(1); break; }
  }
  if (!page) {
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
  Promise.resolve(page(main, params)).catch((err: unknown) => {
    if ((err as { status?: number }).status === 401) { signedIn(null); return; }
    main.append(message('error', errorText(err)));
  });
}

window.addEventListener('hashchange', () => render());
void start();
