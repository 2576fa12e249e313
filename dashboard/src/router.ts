import { ApiError } from './api/client.ts';
import { reportProblem, clearProblem } from './ui/banner.ts';

export interface PageContext {
  root: HTMLElement;
  /** Path segments after the page name: `#/audit/12` → ['12']. */
  params: string[];
  query: URLSearchParams;
}

export interface Page {
  /** Fetches and renders; called on mount and then every `intervalMs` while the tab is visible. */
  refresh(): Promise<void>;
  intervalMs: number;
  dispose?(): void;
}

export type PageFactory = (ctx: PageContext) => Page;

export interface Route {
  title: string;
  page: PageFactory;
  /** Shown without a session (the login page). */
  public?: boolean;
}

interface Current {
  name: string;
  page: Page;
  timer: number;
  busy: boolean;
}

let current: Current | null = null;

export function parseHash(hash: string): { name: string; params: string[]; query: URLSearchParams } {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name = '', ...params] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name, params, query: new URLSearchParams(search) };
}

async function run(c: Current): Promise<void> {
  if (c.busy || current !== c) return;
  c.busy = true;
  try {
    await c.page.refresh();
    clearProblem('page');
  } catch (e) {
    // Unreachable is already on the banner; a 401 sends the trader to the login page; a page left meanwhile is moot.
    if (current === c && !(e instanceof ApiError && (e.status === 0 || e.status === 401))) reportProblem('page', `Could not load this page: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    c.busy = false;
  }
}

/** Hash routing: renders the page named in the hash, polls it while visible, disposes it on leave. */
export function startRouter(routes: Record<string, Route>, options: { root: HTMLElement; loggedIn: () => boolean; home: string; login: string }): { render(): void } {
  const render = () => {
    const parsed = parseHash(location.hash);
    let name = parsed.name in routes ? parsed.name : options.home;
    if (!options.loggedIn() && !routes[name]!.public) name = options.login;
    if (options.loggedIn() && name === options.login) name = options.home;
    if (current) {
      window.clearInterval(current.timer);
      current.page.dispose?.();
      current = null;
    }
    clearProblem('page');
    const route = routes[name]!;
    document.title = `${route.title} · Catalyst`;
    document.body.dataset.page = name;
    document.querySelectorAll<HTMLAnchorElement>('#nav a').forEach((a) => a.toggleAttribute('aria-current', a.getAttribute('href') === `#/${name}`));
    options.root.replaceChildren();
    const page = route.page({ root: options.root, params: parsed.params, query: parsed.query });
    const c: Current = { name, page, timer: 0, busy: false };
    current = c;
    c.timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void run(c);
    }, page.intervalMs);
    void run(c);
  };
  window.addEventListener('hashchange', render);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && current) void run(current);
  });
  return { render };
}
