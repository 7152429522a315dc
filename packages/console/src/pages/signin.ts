import { api, type Session } from '../api.js';
import { field, h, input, replace } from '../dom.js';
import { hmacSha256Hex } from '../hmac.js';
import { t } from '../i18n.js';
import { errorText, message } from '../ui.js';

/**
 * Two ways in. The operator: the admin bearer token (ZHENGXIN_ADMIN_TOKEN). The customer: key and
 * SecretKey, where the SecretKey only signs the server's one-time nonce here in the browser.
 */
export function signinPage(main: HTMLElement, done: (s: Session) => void): void {
  const status = h('div', { 'aria-live': 'polite' });

  const token = input({ type: 'password', autocomplete: 'current-password', required: true });
  const name = input({ autocomplete: 'username', maxlength: 40 });
  const operatorForm = h('form', { class: 'card signin', 'aria-label': t('operator') },
    h('h2', {}, t('operator')), field(t('adminToken'), token), field(t('operatorName'), name, t('operatorNameHint')),
    h('button', { type: 'submit' }, t('signIn')));
  operatorForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(status);
    try {
      const s = await api<Session>('POST', 'operator/signin', { token: token.value, name: name.value });
      token.value = '';
      done(s);
    } catch (err) {
      token.value = '';
      replace(status, message('error', `${t('wrongToken')}: ${errorText(err)}`));
    }
  });

  const key = input({ autocomplete: 'username', pattern: '[0-9a-f]{32}', required: true, spellcheck: false });
  const secret = input({ type: 'password', autocomplete: 'current-password', required: true });
  const customerForm = h('form', { class: 'card signin', 'aria-label': t('customer') },
    h('h2', {}, t('customer')), field(t('accountKey'), key), field(t('secretKey'), secret, t('customerSignInHint')),
    h('button', { type: 'submit' }, t('signIn')));
  customerForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(status);
    try {
      const k = key.value.trim();
      const { nonce } = await api<{ nonce: string }>('POST', 'customer/challenge', { key: k });
      const signature = await hmacSha256Hex(secret.value, `zhengxin-console-signin\n${k}\n${nonce}`);
      secret.value = '';
      done(await api<Session>('POST', 'customer/signin', { key: k, nonce, signature }));
    } catch (err) {
      secret.value = '';
      replace(status, message('error', `${t('wrongToken')}: ${errorText(err)}`));
    }
  });
  replace(main, h('h1', {}, t('signIn')), status, h('div', { class: 'grid2' }, operatorForm, customerForm));
}
