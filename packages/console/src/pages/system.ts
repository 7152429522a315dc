import { api } from '../api.js';
import { field, h, input, replace, select } from '../dom.js';
import { t } from '../i18n.js';
import { confirmed, errorText, message, table } from '../ui.js';

interface Settings { maintenance: boolean; interfaces: Record<string, 'active' | 'disabled' | 'deleted'>; systemDailyLimit: number | null }

/** Maintenance mode, interface switches and the system daily limit; every change asks first. */
export async function systemPage(main: HTMLElement): Promise<void> {
  const { settings, interfaces } = await api<{ settings: Settings; interfaces: Array<{ name: string; summary?: string }> }>('GET', 'settings');
  const status = h('div', { 'aria-live': 'polite' });
  const change = async (body: Record<string, unknown>, question: string) => {
    if (!confirmed(question)) return;
    replace(status, message('info', t('loading')));
    try {
      await api('PATCH', 'settings', body);
      await systemPage(main);
      main.querySelector('[aria-live]')?.append(message('ok', t('saved')));
    } catch (err) {
      replace(status, message('error', errorText(err)));
    }
  };
  const maintenance = h('section', { class: 'card' },
    h('h2', {}, t('maintenance')),
    h('p', {}, h('strong', { 'data-testid': 'maintenance-state', class: settings.maintenance ? 'warn' : 'ok' }, settings.maintenance ? t('on') : t('off'))),
    h('p', { class: 'muted' }, t('maintenanceHint')),
    h('button', { type: 'button', class: settings.maintenance ? '' : 'danger', onclick: () => change({ maintenance: !settings.maintenance }, `${t('maintenance')}: ${settings.maintenance ? t('off') : t('on')}. ${t('confirmChange')}`) },
      `${t('maintenance')}: ${settings.maintenance ? t('off') : t('on')}`));
  const rows = interfaces.map((d) => {
    const current = settings.interfaces[d.name] ?? 'active';
    const sel = select([['active', t('active')], ['disabled', t('disabled')], ['deleted', t('deleted')]], current, { 'aria-label': d.name });
    sel.addEventListener('change', () => {
      void change({ interfaces: { [d.name]: sel.value } }, `${d.name}: ${t(sel.value as 'active')}. ${t('confirmChange')}`).then(() => { sel.value = current; });
    });
    return [h('code', {}, d.name), d.summary ?? '', sel];
  });
  const limit = input({ type: 'number', min: 0, step: 1, value: settings.systemDailyLimit === null ? '' : String(settings.systemDailyLimit), placeholder: t('unlimited') });
  const limitForm = h('form', { class: 'inline' }, field(t('systemDailyLimit'), limit), h('button', { type: 'submit' }, t('save')));
  limitForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void change({ systemDailyLimit: limit.value.trim() === '' ? null : Number(limit.value) }, `${t('systemDailyLimit')}: ${limit.value || t('unlimited')}. ${t('confirmChange')}`);
  });
  replace(main, h('h1', {}, t('system')), status, maintenance,
    h('section', { class: 'card' }, h('h2', {}, t('interfaceSwitches')), table([t('name'), '', t('state')], rows)),
    h('section', { class: 'card' }, h('h2', {}, t('systemDailyLimit')), limitForm));
}
