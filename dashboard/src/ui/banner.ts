// One place for problems the trader must see: the API unreachable, a failed action. Problems are keyed so
// the one that recovers clears only itself.

const problems = new Map<string, string>();

function render(): void {
  const el = document.getElementById('banner');
  if (!el) return;
  const text = [...problems.values()].join(' · ');
  el.textContent = text;
  el.hidden = text === '';
}

export function reportProblem(key: string, message: string): void {
  problems.set(key, message);
  render();
}

export function clearProblem(key: string): void {
  if (problems.delete(key)) render();
}

let toastTimer: number | undefined;

/** A short confirmation that an action went through (or why not). */
export function toast(message: string, tone: 'good' | 'bad' = 'good'): void {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = message;
  el.className = `toast ${tone}`;
  el.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (el.hidden = true), 6000);
}
