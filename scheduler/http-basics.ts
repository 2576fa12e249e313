import type http from 'node:http';
import { timingSafeEqual } from 'node:crypto';

/** An expected refusal: answered with its status and message, never as a 500. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Writes `payload` as a JSON response. */
export function sendJson(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

/** Compares a secret in constant time (a missing one never matches a non-empty secret). */
export function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const BODY_LIMIT = 1024 * 1024;
/** Past this much, an oversized body is no longer drained: the connection is dropped. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * The request's body. An oversized one is read to its end and discarded before the 413 goes out (with
 * `connection: close`), so a client still sending is not reset mid-request.
 */
export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > DRAIN_LIMIT) {
      req.destroy();
      break;
    }
    if (size <= BODY_LIMIT) chunks.push(c as Buffer);
  }
  if (size > BODY_LIMIT) throw new HttpProblem(413, 'Payload too large (1 MB limit)');
  return Buffer.concat(chunks).toString('utf8');
}

/** A counting semaphore with a bounded queue (beyond it, 429 as the platform's concurrency limit). */
export function gate(slots: number, maxQueue: number) {
  let free = slots;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (free > 0) free--;
      else {
        if (waiting.length >= maxQueue) throw new HttpProblem(429, 'Too many concurrent requests; retry shortly');
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free++;
      }
    },
  };
}

/** One line per finished invocation, for the runtime's log. */
export type InvocationListener = (line: { fn: string; via: 'web' | 'invoke'; statusCode: number; durationMs: number }) => void;
