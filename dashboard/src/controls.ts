import * as api from './api/endpoints.ts';
import type { ControlAction } from './api/types.ts';
import { ApiError } from './api/client.ts';
import { askWhy } from './ui/confirm-dialog.ts';
import { toast } from './ui/banner.ts';
import { h } from './ui/dom.ts';
import { refreshSummary } from './live-summary.ts';

interface ActionText {
  label: string;
  title: string;
  body: string;
  danger?: boolean;
}

const TEXT: Record<Exclude<ControlAction, 'close'>, ActionText> = {
  halt: { label: 'Halt', title: 'Halt new entries?', body: 'No new position is opened until you resume. Open positions keep their stops and targets.', danger: true },
  reduce: { label: 'Reduce only', title: 'Reduce only?', body: 'Orders may only shrink positions: no new entries, exits continue.' },
  resume: { label: 'Resume', title: 'Resume trading?', body: 'New entries are allowed again, through every risk check.' },
  flatten: { label: 'Flatten all', title: 'Flatten every position now?', body: 'Cancels open orders and closes every position at market.', danger: true },
};

/** Confirms, asks why, sends the action, and says what happened. Resolves true when it went through. */
export async function runControl(action: ControlAction, symbol?: string): Promise<boolean> {
  const text: ActionText =
    action === 'close'
      ? { label: 'Close', title: `Close ${symbol}?`, body: `Cancels ${symbol}'s open orders and closes the position at market.`, danger: true }
      : TEXT[action];
  const why = await askWhy({ title: text.title, body: text.body, confirmLabel: text.label, danger: text.danger ?? false });
  if (why === null) return false;
  try {
    const res = await api.control(action, why, symbol);
    toast(`${text.label}: done. Trading state ${res.state.state}.`);
    await refreshSummary();
    return true;
  } catch (e) {
    toast(`${text.label} failed: ${e instanceof ApiError ? e.message : String(e)}`, 'bad');
    return false;
  }
}

/** The four account-wide buttons of the overview. */
export function controlButtons(): HTMLElement {
  const actions = ['halt', 'reduce', 'resume', 'flatten'] as const;
  return h(
    'div',
    { class: 'controls' },
    actions.map((a) => h('button', { type: 'button', class: TEXT[a].danger ? 'danger' : a === 'resume' ? 'primary' : '', 'data-action': a, onclick: () => void runControl(a) }, TEXT[a].label)),
  );
}
