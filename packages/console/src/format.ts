import { currentLang, t } from './i18n.js';

/** An ISO instant in Beijing time (the service's customers' clock), `2026-12-01 09:30:00`. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function num(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-US');
}

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

export function orderState(state: string): string {
  return state === 'P' ? t('stateP') : state === 'S' ? t('stateS') : state === 'F' ? t('stateF') : state;
}
