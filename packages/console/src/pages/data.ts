import { api, upload } from '../api.js';
import { field, h, replace } from '../dom.js';
import { num, when } from '../format.js';
import { t, type Word } from '../i18n.js';
import { errorText, message, table } from '../ui.js';

interface Summary { imported: number; updated: number; unchanged: number; rejected: number; errors: Array<{ line: number; reason: string }> }
interface ImportJob {
  id: string; actor: string; state: 'waiting' | 'running' | 'done' | 'failed' | 'stalled'; createdAt: string; finishedAt: string | null;
  bytesTotal: number | null; bytesRead: number; lines: number; imported: number; updated: number; unchanged: number; rejected: number;
  summary: Summary | null; error: string | null;
}

/** How often the page asks the server how far an import has got. */
const POLL_MS = 400;

function summaryCard(s: Summary): HTMLElement {
  return h('section', { class: 'card', 'aria-label': 'summary' },
    h('dl', { class: 'facts counts' },
      h('dt', {}, t('imported')), h('dd', { 'data-testid': 'imported' }, num(s.imported)),
      h('dt', {}, t('updated')), h('dd', { 'data-testid': 'updated' }, num(s.updated)),
      h('dt', {}, t('unchanged')), h('dd', { 'data-testid': 'unchanged' }, num(s.unchanged)),
      h('dt', {}, t('rejected')), h('dd', { 'data-testid': 'rejected' }, num(s.rejected))),
    s.errors.length ? h('h2', {}, t('firstErrors')) : null,
    table([t('line'), t('reason')], s.errors.slice(0, 20).map((x) => [String(x.line), x.reason])));
}

/** What the server has done so far: its own counts, and how much of the upload it has read. */
function progressCard(job: ImportJob): HTMLElement {
  const fraction = job.state === 'done' ? 1 : job.bytesTotal ? Math.min(1, job.bytesRead / job.bytesTotal) : null;
  return h('section', { class: 'card', 'aria-label': t('serverProgress'), 'data-testid': 'server-progress', 'data-state': job.state },
    h('h2', {}, t('serverProgress'), ' ', h('span', { class: `state state-${job.state === 'done' ? 'S' : job.state === 'running' || job.state === 'waiting' ? 'P' : 'F'}`, 'data-testid': 'import-state' }, t(`import_${job.state}` as Word))),
    h('progress', { max: 1, ...(fraction === null ? {} : { value: fraction }), 'aria-label': t('serverProgress') }),
    h('dl', { class: 'facts counts' },
      h('dt', {}, t('linesProcessed')), h('dd', { 'data-testid': 'progress-lines' }, num(job.lines)),
      h('dt', {}, t('imported')), h('dd', {}, num(job.imported)),
      h('dt', {}, t('updated')), h('dd', {}, num(job.updated)),
      h('dt', {}, t('unchanged')), h('dd', {}, num(job.unchanged)),
      h('dt', {}, t('rejected')), h('dd', { 'data-testid': 'progress-rejected' }, num(job.rejected))),
    h('small', { class: 'muted' }, `${job.actor} · ${when(job.createdAt)}`),
    job.error ? message('error', job.error) : null);
}

/** Polls an import until the server says it ended (or the page was left), showing each state in `into`. */
async function follow(id: string, into: HTMLElement, until: () => boolean = () => false): Promise<ImportJob | undefined> {
  for (;;) {
    if (!into.isConnected) return undefined;
    const { job } = await api<{ job: ImportJob }>('GET', `imports/${id}`);
    replace(into, progressCard(job));
    if (job.state === 'done' || job.state === 'failed' || job.state === 'stalled' || until()) return job;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Import an NDJSON file: the upload's own progress, the server's progress while it imports (lines
 * processed, accepted, rejected so far), then the summary with the first errors. An import already
 * running (another tab, another operator, before a reload) is shown and followed too.
 */
export async function dataPage(main: HTMLElement): Promise<void> {
  const file = h('input', { type: 'file', accept: '.ndjson,.jsonl,.json,application/x-ndjson' });
  const bar = h('progress', { max: 1, value: 0, 'aria-label': t('uploadProgress') });
  const status = h('div', { 'aria-live': 'polite' });
  const live = h('div', { 'aria-live': 'polite' });
  const result = h('div');
  const recent = h('div');
  const form = h('form', { class: 'card', 'aria-label': t('importTitle') }, field(t('chooseFile'), file), h('button', { type: 'submit' }, t('startImport')),
    h('div', { class: 'field' }, h('span', { class: 'muted' }, t('uploadProgress')), bar));
  const showRecent = async () => {
    const { jobs } = await api<{ jobs: ImportJob[] }>('GET', 'imports');
    replace(recent, h('h2', {}, t('recentImports')), table([t('createdAt'), t('actor'), t('state'), t('linesProcessed'), t('imported'), t('updated'), t('unchanged'), t('rejected')],
      jobs.map((j) => [when(j.createdAt), j.actor, t(`import_${j.state}` as Word), num(j.lines), num(j.imported), num(j.updated), num(j.unchanged), num(j.rejected)])));
    return jobs;
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) return;
    replace(status, message('info', t('loading')));
    replace(result);
    bar.value = 0;
    let uploaded = false;
    try {
      const { job } = await api<{ job: ImportJob }>('POST', 'imports');
      const following = follow(job.id, live, () => uploaded).catch(() => undefined);
      const s = await upload<{ summary: Summary }>(`import?job=${job.id}`, f, 'application/x-ndjson', (x) => { bar.value = x; }).finally(() => { uploaded = true; });
      bar.value = 1;
      await following;
      replace(live, progressCard((await api<{ job: ImportJob }>('GET', `imports/${job.id}`)).job));
      replace(status);
      replace(result, summaryCard(s.summary));
    } catch (err) {
      replace(status, message('error', errorText(err)));
    }
    await showRecent().catch(() => {});
  });
  replace(main, h('h1', {}, t('data')), h('h2', {}, t('importTitle')), form, status, live, result, recent);
  const jobs = await showRecent();
  // Follow an import that is under way elsewhere; its summary shows when it ends.
  const running = jobs.find((j) => j.state === 'running');
  if (running) {
    const ended = await follow(running.id, live);
    if (ended?.summary) replace(result, summaryCard(ended.summary));
    if (ended) await showRecent();
  }
}
