import { api } from '../api.js';
import { stackedBars, type DayCount } from '../charts.js';
import { h, replace } from '../dom.js';
import { num, when } from '../format.js';
import { t } from '../i18n.js';
import { definition, table } from '../ui.js';

interface Overview {
  days: string[]; requestsByStatus: DayCount[]; requestsByInterface: DayCount[]; ordersByDay: DayCount[];
  ordersByState: Record<'P' | 'S' | 'F', number>; queueDepth: number | null;
  turnaround: { orders: number; seconds: { median: number; p95: number } | null };
  recentFailures: Array<{ orderNo: string; companyName: string; accountKey: string; createdAt: string; failReason: string | null }>;
}

export async function overviewPage(main: HTMLElement): Promise<void> {
  const o = await api<Overview>('GET', 'overview');
  const secs = (x: number) => `${x.toFixed(1)} ${t('seconds')}`;
  replace(main, h('h1', {}, t('overview')),
    h('div', { class: 'stats' },
      h('section', { class: 'card stat' }, h('h2', {}, t('ordersByState')), definition([
        ['P', num(o.ordersByState.P)], ['S', num(o.ordersByState.S)], ['F', num(o.ordersByState.F)],
      ])),
      h('section', { class: 'card stat' }, h('h2', {}, t('queueDepth')), h('p', { class: 'big' }, o.queueDepth === null ? t('unknown') : num(o.queueDepth))),
      h('section', { class: 'card stat' }, h('h2', {}, t('turnaround')), h('p', { class: 'big' },
        o.turnaround.seconds ? `${t('median')} ${secs(o.turnaround.seconds.median)} · p95 ${secs(o.turnaround.seconds.p95)}` : t('unknown')))),
    h('div', { class: 'charts' },
      stackedBars(t('requestsByStatus'), o.days, o.requestsByStatus),
      stackedBars(t('requestsByInterface'), o.days, o.requestsByInterface),
      stackedBars(t('ordersByDay'), o.days, o.ordersByDay)),
    h('section', { class: 'card' }, h('h2', {}, t('recentFailures')), table([t('orderNo'), t('company'), t('createdAt'), t('failReason')],
      o.recentFailures.map((f) => [h('a', { href: `#/orders/${f.orderNo}` }, h('code', {}, f.orderNo)), f.companyName, when(f.createdAt), f.failReason ?? '—']))));
}
