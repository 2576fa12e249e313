import type { PageFactory } from '../router.ts';
import { ApiError } from '../api/client.ts';
import { login } from '../session.ts';
import { h } from '../ui/dom.ts';

/** Password → tokens (kept in sessionStorage); a wrong password or too many tries says so. */
export const loginPage: PageFactory = ({ root }) => {
  const password = h('input', { id: 'password', type: 'password', name: 'password', autocomplete: 'current-password', required: true, autofocus: true });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'login-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h(
    'form',
    { class: 'card login' },
    h('h1', null, 'Catalyst'),
    h('p', { class: 'muted' }, 'The dashboard of your trading system. Log in with the dashboard password.'),
    h('label', { for: 'password' }, 'Password'),
    password,
    error,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      await login(password.value);
      password.value = '';
      // The session listener re-renders into the page the trader asked for.
    } catch (err) {
      error.textContent =
        err instanceof ApiError && err.status === 401 ? 'Wrong password.' : err instanceof ApiError && err.status === 429 ? err.message : `Could not log in: ${err instanceof Error ? err.message : String(err)}`;
      error.hidden = false;
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  root.append(form);
  return { intervalMs: 3_600_000, refresh: async () => undefined };
};
