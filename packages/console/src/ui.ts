import { ApiError } from './api.js';
import { h, type Child } from './dom.js';
import { t } from './i18n.js';

/** Shared pieces of the pages: status messages, tables, the once-only secret panel, confirmation. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.field ? `${err.message}` : err.message;
  return err instanceof Error ? err.message : String(err);
}

export function message(kind: 'ok' | 'error' | 'info', text: string): HTMLElement {
  return h('p', { class: `msg ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function table(headers: string[], rows: Child[][], caption?: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted' }, t('empty'));
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c)))))));
}

export function copyButton(value: string, label: string): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'small', 'aria-label': `${t('copy')} ${label}` }, t('copy'));
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
      b.textContent = t('copied');
    } catch {
      // No clipboard outside a secure context: select the text for Ctrl+C instead.
      const code = b.previousElementSibling;
      if (code) window.getSelection()?.selectAllChildren(code);
    }
  });
  return b;
}

/** A key and its SecretKey, shown once: nothing keeps them after this panel is closed. */
export function secretPanel(key: string, secretKey: string, onClose: () => void): HTMLElement {
  const panel = h('section', { class: 'card secret', 'aria-label': t('secretKey') },
    message('info', t('secretOnce')),
    h('div', { class: 'kv' }, h('span', {}, t('keyLabel')), h('code', { 'data-testid': 'new-key' }, key), copyButton(key, t('keyLabel'))),
    h('div', { class: 'kv' }, h('span', {}, t('secretKey')), h('code', { 'data-testid': 'new-secret' }, secretKey), copyButton(secretKey, t('secretKey'))),
    h('button', { type: 'button', onclick: () => { panel.remove(); onClose(); } }, t('close')));
  return panel;
}

/** Asks before a change with consequences (the native dialog: keyboard and screen-reader friendly). */
export function confirmed(question: string): boolean {
  return window.confirm(question);
}

export function definition(items: Array<[string, Child]>): HTMLElement {
  return h('dl', { class: 'facts' }, ...items.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}
