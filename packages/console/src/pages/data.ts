import { upload } from '../api.js';
import { field, h, replace } from '../dom.js';
import { num } from '../format.js';
import { t } from '../i18n.js';
import { errorText, message, table } from '../ui.js';

interface Summary { imported: number; updated: number; unchanged: number; rejected: number; errors: Array<{ line: number; reason: string }> }

/** Import an NDJSON file: upload progress, then the summary with the first errors. */
export function dataPage(main: HTMLElement): void {
  const file = h('input', { type: 'file', accept: '.ndjson,.jsonl,.json,application/x-ndjson' });
  const bar = h('progress', { max: 1, value: 0, 'aria-label': t('progress') });
  const status = h('div', { 'aria-live': 'polite' });
  const result = h('div');
  const form = h('form', { class: 'card', 'aria-label': t('importTitle') }, field(t('chooseFile'), file), h('button', { type: 'submit' }, t('startImport')), bar);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) return;
    replace(status, message('info', t('loading')));
    replace(result);
    bar.value = 0;
    try {
      const s = await upload<{ summary: Summary }>('import', f, 'application/x-ndjson', (x) => { bar.value = x; });
      bar.value = 1;
      replace(status);
      replace(result, h('section', { class: 'card', 'aria-label': 'summary' },
        h('dl', { class: 'facts counts' },
          h('dt', {}, t('imported')), h('dd', { 'data-testid': 'imported' }, num(s.summary.imported)),
          h('dt', {}, t('updated')), h('dd', { 'data-testid': 'updated' }, num(s.summary.updated)),
          h('dt', {}, t('unchanged')), h('dd', { 'data-testid': 'unchanged' }, num(s.summary.unchanged)),
          h('dt', {}, t('rejected')), h('dd', { 'data-testid': 'rejected' }, num(s.summary.rejected))),
        s.summary.errors.length ? h('h2', {}, t('firstErrors')) : null,
        table([t('line'), t('reason')], s.summary.errors.slice(0, 20).map((x) => [String(x.line), x.reason]))));
    } catch (err) {
      replace(status, message('error', errorText(err)));
    }
  });
  replace(main, h('h1', {}, t('data')), h('h2', {}, t('importTitle')), form, status, result);
}
