// Test doubles shared by the news adapters' tests: fixtures as served bodies, a scripted fetch, a clock
// that moves only when told, and the in-process twins of the shared rate limiter and state store.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InProcessRateLimiter } from '../redis/redis-rate-limiter.ts';
import type { AppError } from '../../shared/errors.ts';
import type { FetchFn } from './http-fetch.ts';
import { InMemoryNewsStateStore } from './news-state.store.ts';
import type { NewsSourceDeps } from './source-guard.ts';

/** A fixture file's body as a server would send it: the `//` header lines (its provenance) removed. */
export function readFixture(name: string): string {
  const text = readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
  return text
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .join('\n');
}

export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

/** A clock that reads `start` until advanced. */
export function manualClock(start: number): ManualClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface SeenRequest {
  url: string;
  headers: Record<string, string>;
}

/** What the scripted server does with the n-th request (0-based): answer, or fail to connect. */
export type Script = (url: string, n: number) => Response | Error;

/** A fetch that answers from a script and records every request it saw. */
export function scriptedFetch(script: Script): { fetch: FetchFn; requests: SeenRequest[] } {
  const requests: SeenRequest[] = [];
  const fetch: FetchFn = async (url, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    requests.push({ url, headers });
    const r = script(url, requests.length - 1);
    if (r instanceof Error) throw r;
    return r;
  };
  return { fetch, requests };
}

/** A Response with a body and status (and optional headers). */
export function reply(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers });
}

/** Everything a source needs, in memory, plus the sleeps it asked for: they move the clock, never wait. */
export function sourceDeps(fetch: FetchFn, clock: ManualClock): NewsSourceDeps & { slept: number[] } {
  const slept: number[] = [];
  return {
    fetch,
    clock,
    limiter: new InProcessRateLimiter(clock),
    store: new InMemoryNewsStateStore(clock),
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
    slept,
  };
}

/** The error `p` rejects with (the test fails if it resolves). */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a failure');
}
