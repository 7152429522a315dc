import { api, query } from '../api.js';
import { field, h, input, replace } from '../dom.js';
import { t } from '../i18n.js';
import { definition, errorText, message, table } from '../ui.js';

interface Hit { keyNo: string; name: string; uscc: string | null; status: string | null; legalRep: string | null }
interface Facts { keyNo: string; name: string; facts: Array<[string, string | null]>; score: { score: number | null; grade: string; withheld: string | null; reasons: string[] } }

/** Search through the service's own company search; open one company's facts and score. */
export async function companiesPage(main: HTMLElement): Promise<void> {
  const status = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  const q = input({ type: 'search', value: new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') ?? '' });
  const run = async () => {
    if (!q.value.trim()) return;
    replace(status);
    try {
      const r = await api<{ total: number; companies: Hit[] }>('GET', `companies${query({ q: q.value.trim() })}`);
      replace(list, h('p', { class: 'muted' }, `${t('total')}: ${r.total}`), table([t('name'), t('uscc'), t('legalRep'), t('status')], r.companies.map((c) => [
        h('a', { href: `#/companies/${encodeURIComponent(c.keyNo)}` }, c.name), c.uscc ?? '—', c.legalRep ?? '—', c.status ?? '—',
      ])));
    } catch (err) {
      replace(status, message('error', errorText(err)));
    }
  };
  const form = h('form', { role: 'search', class: 'inline' }, field(t('companySearch'), q), h('button', { type: 'submit' }, t('search')));
  form.addEventListener('submit', (e) => { e.preventDefault(); history.replaceState(null, '', `#/companies${query({ q: q.value.trim() })}`); void run(); });
  replace(main, h('h1', {}, t('companies')), form, status, list);
  await run();
}

export async function companyPage(main: HTMLElement, [keyNo]: string[]): Promise<void> {
  const c = await api<Facts>('GET', `companies/${encodeURIComponent(keyNo!)}`);
  const frame = h('div', { class: 'preview' });
  const previewButton = h('button', { type: 'button', onclick: () => {
    // Same origin, shown inline by the browser's PDF viewer; the server renders it on demand.
    replace(frame, h('iframe', { src: `/console/api/companies/${encodeURIComponent(c.keyNo)}/preview.pdf`, title: t('preview') }));
  } }, t('preview'));
  replace(main,
    h('p', {}, h('a', { href: '#/companies' }, `← ${t('companies')}`)),
    h('h1', {}, c.name),
    h('section', { class: 'card' }, h('h2', {}, t('facts')), definition(c.facts.map(([k, v]) => [k, v ?? '—']))),
    h('section', { class: 'card' }, h('h2', {}, t('score')), definition([[t('score'), c.score.score === null ? '—' : String(c.score.score)], [t('grade'), c.score.grade]]),
      c.score.withheld ? h('p', { class: 'muted' }, c.score.withheld) : null,
      c.score.reasons.length ? h('ul', {}, ...c.score.reasons.map((r) => h('li', {}, r))) : null),
    h('section', { class: 'card' }, previewButton, frame));
}
