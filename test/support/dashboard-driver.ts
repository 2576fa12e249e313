import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

// The driver of test/dashboard.e2e.test.ts: the running system, polling, the decision audit's checks, and the
// dashboard's controls, each behind a confirmation dialog that asks why.

export type Json = Record<string, any>;

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export type Until = <T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | null | false>) => Promise<T>;

/** What the flows need: the page, the dashboard's URL, the reporting API with the page's token, the poller, screenshots. */
export interface Ctx {
  page: Page;
  url: () => string;
  api: (fn: string) => Promise<Json>;
  until: Until;
  shot: (name: string, fullPage?: boolean) => Promise<unknown>;
}

/** The answer to a confirmed control: the dialog's title, the request the page sent and the function's response. */
export interface ControlAnswer {
  title: string;
  request: Json;
  status: number;
  body: Json;
}

/** Runs `node <args>` in `cwd` with only PATH, HOME and `env` (a developer's environment does not leak in). */
export function run(cwd: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  return { child, output: () => out, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

/** Stops the system with Ctrl+C (it shuts down cleanly), and kills it if it has not exited within `graceMs`. */
export async function stop(sys: Running, graceMs: number): Promise<void> {
  sys.child.kill('SIGINT');
  const code = await Promise.race([sys.exited, new Promise((r) => setTimeout(() => r('timeout'), graceMs))]);
  if (code === 'timeout') sys.child.kill('SIGKILL');
}

/** A poller bound to a running system: it fails at once, with the system's last output, if the system dies. */
export function poller(sys: () => Running): Until {
  /** Polls `probe` until it returns a value; fails naming `what` and the last error. */
  return async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | null | false>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      if (sys().child.exitCode !== null) throw new Error(`the system exited (${sys().child.exitCode}) while waiting for ${what}:\n${sys().output().slice(-3000)}`);
      const v = await probe().catch((e: unknown) => void (last = String(e)));
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
}

/** The decision audit page shows the whole chain of `audit` (reporting/audit), from the news to the exit. */
export async function expectAuditChain(page: Page, audit: Json): Promise<void> {
  expect(await page.locator('ol.chain > li').count()).toBe(7);
  expect(await page.locator('[data-testid=audit-news]').textContent()).toContain(audit.news[0].headline);
  expect(await page.locator('[data-testid=audit-candidate]').textContent()).toContain(audit.candidate.reasons[0]);
  expect(await page.locator('[data-testid=why-in]').textContent()).toBe(audit.signal.explanation);
  expect(await page.locator('[data-testid=audit-risk]').textContent()).toMatch(/The risk gate: \d+ checks, all passed/);
  expect(await page.locator('[data-testid=audit-orders]').textContent()).toContain(audit.entry.clientOrderId);
  expect(await page.locator('[data-testid=audit-fills] tbody tr').count()).toBe(audit.fills.length);
  expect(await page.locator('[data-testid=why-out]').textContent()).toContain(`Exited (${String(audit.trade.exitReason).replace(/_/g, ' ')})`);
}

const isControl = (url: string) => url.includes('/api/v1/web/catalyst/trading/control');

/** The dashboard's controls: confirmed or cancelled in their dialog, with every trading/control request the page sends. */
export class Controls {
  /** Every trading/control request the page sent, as its JSON body. */
  readonly sent: Json[] = [];
  /** The ones the test confirmed: `sent` must equal it (a cancelled dialog sends nothing). */
  readonly confirmed: Json[] = [];

  constructor(private readonly c: Ctx) {
    c.page.on('request', (r) => void (isControl(r.url()) && this.sent.push((r.postDataJSON() as Json | null) ?? {})));
  }

  /** Opens the confirmation, gives a reason, then backs out by the Cancel button or Escape: nothing is sent. Resolves to the title. */
  async cancel(trigger: string, how: 'cancel-button' | 'escape'): Promise<string> {
    const before = this.sent.length;
    const title = await this.open(trigger);
    await this.c.page.fill('#confirm-why', 'e2e: typed, then cancelled');
    if (how === 'escape') await this.c.page.keyboard.press('Escape');
    else await this.c.page.locator('dialog.confirm button', { hasText: 'Cancel' }).click();
    await this.c.page.locator('dialog.confirm').waitFor({ state: 'detached', timeout: 5_000 });
    await this.c.page.waitForTimeout(200); // a request the cancel would wrongly send has left by now
    expect(this.sent.length).toBe(before);
    return title;
  }

  /** Opens the confirmation, gives `why`, runs `beforeConfirm` (a screenshot of the filled dialog) and confirms. */
  async confirm(trigger: string, why: string, beforeConfirm?: () => Promise<unknown>): Promise<ControlAnswer> {
    const { page } = this.c;
    const title = await this.open(trigger);
    await page.fill('#confirm-why', why);
    await beforeConfirm?.();
    const [res] = await Promise.all([page.waitForResponse((r) => isControl(r.url()) && r.request().method() === 'POST', { timeout: 15_000 }), page.click('[data-testid=confirm-action]')]);
    await page.locator('dialog.confirm').waitFor({ state: 'detached', timeout: 5_000 });
    const answer = { title, request: res.request().postDataJSON() as Json, status: res.status(), body: (await res.json()) as Json };
    this.confirmed.push(answer.request);
    return answer;
  }

  /** Clicks `trigger` and waits for the dialog; the action cannot be confirmed without a reason. Resolves to the title. */
  private async open(trigger: string): Promise<string> {
    await this.c.page.click(trigger);
    const dialog = this.c.page.locator('dialog.confirm[open]');
    await dialog.waitFor({ timeout: 5_000 });
    expect(await this.c.page.locator('[data-testid=confirm-action]').isDisabled()).toBe(true);
    return (await dialog.locator('h2').textContent()) ?? '';
  }

  /** Waits for `n` scan cycles that started after `since` (sim time) and checks that none sent an entry; resolves to their execute counts. */
  async noEntriesAfter(since: number, n: number, what: string): Promise<Json[]> {
    const { api, until } = this.c;
    const after = await until(`${n} scan cycles while ${what}`, 60_000, async () => {
      const cs = ((await api('reporting/cycles?limit=60')).cycles as Json[]).filter((x) => x.startedAt > since && x.status !== 'running' && x.stages.some((s: Json) => s.name === 'execute'));
      return cs.length >= n && cs;
    });
    const execute = after.map((x) => x.stages.find((s: Json) => s.name === 'execute').counts as Json);
    expect(execute.every((x) => (x.sent ?? 0) === 0)).toBe(true);
    const first = Math.min(...after.map((x) => x.startedAt as number));
    const entries = ((await api('reporting/orders?limit=200')).orders as Json[]).filter((o) => o.intentKind === 'entry' && !o.parentId && o.createdAt >= first);
    expect(entries).toEqual([]);
    return execute;
  }

  /**
   * Waits for an open position, then runs `act` (a confirmed close or flatten). The positions table is one
   * reconcile behind the broker and a position can exit on its own between the look and the click, so while
   * the control finds nothing to close it waits for a position again, three tries at most. A close that sent
   * nothing because its position's legs were still pending cancel is deferred, not void: the next ticks carry
   * it on, so it is never retried (a second control would race the carried-on close for the same shares).
   */
  async onOpenPositions(what: string, act: (positions: Json[]) => Promise<ControlAnswer>): Promise<{ positions: Json[]; answer: ControlAnswer }> {
    for (let attempt = 1; ; attempt++) {
      // The system opens positions as its ticks find entries; on a loaded machine it ticks less often (seen: none in 60 s).
      const positions = await this.c.until(what, 120_000, async () => {
        const ps = (await this.c.api('reporting/positions')).positions as Json[];
        return ps.some((p) => !p.adopted && p.tradeId) && ps;
      });
      const answer = await act(positions);
      if (answer.status !== 200 || answer.body.orders?.intents > 0 || answer.body.orders?.deferred > 0 || attempt === 3) return { positions, answer };
      console.log(`${what}: the broker held nothing any more (it exited on its own); trying again`);
    }
  }

  /** On the positions page, Close for the newest position (the least likely to exit on its own): cancelled once, then confirmed. */
  closeNewest(why: (symbol: string) => string): Promise<{ positions: Json[]; answer: ControlAnswer }> {
    const { page, url, shot } = this.c;
    return this.onOpenPositions('an open position to close', async (ps) => {
      const newest = ps.filter((p) => !p.adopted && p.tradeId).sort((a, b) => b.openedAt - a.openedAt)[0]!;
      const close = `[data-close="${newest.symbol}"]`;
      await page.goto(`${url()}#/positions`);
      await page.locator(close).waitFor({ timeout: 10_000 });
      expect(await this.cancel(close, 'cancel-button')).toBe(`Close ${newest.symbol}?`);
      return this.confirm(close, why(newest.symbol), () => shot('13-close-confirm', false));
    });
  }
}
