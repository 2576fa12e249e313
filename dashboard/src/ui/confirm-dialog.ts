import { h } from './dom.ts';

/** The control function wants at least this many characters of "why". */
const MIN_WHY = 3;

/**
 * Asks the trader to confirm an action and say why (the audit log keeps it). Resolves to the reason, or
 * null when cancelled. A native <dialog>: focus is trapped and Escape cancels, on a phone too.
 */
export function askWhy(options: { title: string; body: string; confirmLabel: string; danger?: boolean }): Promise<string | null> {
  return new Promise((resolve) => {
    const why = h('textarea', { id: 'confirm-why', name: 'why', rows: 3, required: true, minlength: MIN_WHY, maxlength: 500, placeholder: 'e.g. news halt in the sector; checking the feed' });
    const confirm = h('button', { type: 'submit', class: options.danger ? 'danger' : 'primary', disabled: true, 'data-testid': 'confirm-action' }, options.confirmLabel);
    const cancel = h('button', { type: 'button', class: 'ghost' }, 'Cancel');
    const form = h(
      'form',
      { method: 'dialog' },
      h('h2', null, options.title),
      h('p', null, options.body),
      h('label', { for: 'confirm-why' }, 'Why? (required, kept in the audit log)'),
      why,
      h('div', { class: 'actions' }, cancel, confirm),
    );
    const dialog = h('dialog', { class: 'confirm', 'aria-label': options.title }, form);
    let answer: string | null = null;
    why.addEventListener('input', () => (confirm.disabled = why.value.trim().length < MIN_WHY));
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (why.value.trim().length < MIN_WHY) return;
      answer = why.value.trim();
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    why.focus();
  });
}
