import { validateResponse, type SpecName } from '../../../../test/support/openapi.ts';
import { SPEC_RELAXATIONS, allowedDeviation, checkFillItems } from './spec-relaxations.ts';

/** One request as the fake saw it (after the adapter's base-URL rewrite). */
export interface SeenRequest {
  method: string;
  url: URL;
  /** The path template it matched, e.g. `/v2/orders/{order_id}`. */
  route: string;
  headers: Headers;
  body: unknown;
}

/** An HTTP answer. Success bodies are validated against Alpaca's OpenAPI spec before they are served. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Serve the body unvalidated: only for tests of how the adapter treats a corrupt payload. */
  malformed?: true;
  /** A raw body instead of JSON (a proxy's HTML error page, a truncated answer); never validated. */
  text?: string;
}

/** What a route does: answer, hang until the client's timeout aborts, or fail at the network level. */
export type Behaviour = Reply | 'hang' | 'network-error';
export type Handler = (req: SeenRequest) => Behaviour;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  handler: Handler;
}

const DATA_PREFIXES = ['/v2/stocks', '/v1beta1', '/v1beta3'];

function specFor(path: string): SpecName {
  return DATA_PREFIXES.some((p) => path.startsWith(p)) ? 'market-data' : 'trading';
}

function patternOf(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/**
 * A scripted Alpaca behind the SDK's `fetchApi` seam. Every success body it serves must match the
 * official OpenAPI spec (with the documented relaxations in spec-relaxations.ts); a fixture that does not
 * is recorded in `violations` and answered with a 599, so a test built on an invented shape fails.
 */
export class FakeAlpaca {
  readonly requests: SeenRequest[] = [];
  readonly violations: string[] = [];
  private readonly routes: Route[] = [];

  /** @param mount a path prefix in front of Alpaca's paths (a facade's base URL), stripped before routing. */
  constructor(private readonly mount = '') {}

  /** Routes `method template` to a handler, a fixed reply, or a sequence of replies (the last repeats). */
  on(method: string, template: string, behaviour: Handler | Behaviour | Behaviour[]): this {
    const list = Array.isArray(behaviour) ? [...behaviour] : null;
    const handler: Handler =
      typeof behaviour === 'function' ? behaviour : list ? () => (list.length > 1 ? list.shift()! : list[0]!) : () => behaviour as Behaviour;
    this.routes.unshift({ method: method.toUpperCase(), template, pattern: patternOf(template), handler });
    return this;
  }

  /** How many requests matched `method template`. */
  count(method: string, template: string): number {
    return this.requests.filter((r) => r.method === method.toUpperCase() && r.route === template).length;
  }

  readonly fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const u = new URL(url);
    const method = (init.method ?? 'GET').toUpperCase();
    const raw = this.mount && u.pathname.startsWith(this.mount) ? u.pathname.slice(this.mount.length) : u.pathname;
    const path = decodeURI(raw);
    const route = this.routes.find((r) => r.method === method && r.pattern.test(raw));
    const body = typeof init.body === 'string' && init.body ? (JSON.parse(init.body) as unknown) : undefined;
    const seen: SeenRequest = { method, url: u, route: route?.template ?? path, headers: new Headers(init.headers), body };
    this.requests.push(seen);
    if (!route) return json({ status: 404, body: { code: 40410000, message: `no fake route for ${method} ${path}` } });
    const behaviour = route.handler(seen);
    if (behaviour === 'network-error') throw new TypeError('fetch failed');
    if (behaviour === 'hang') return hang(init.signal);
    if (behaviour.status >= 200 && behaviour.status < 300 && behaviour.body !== undefined && !behaviour.malformed && behaviour.text === undefined) {
      const problems = this.validate(route.template, method, behaviour);
      if (problems.length) {
        this.violations.push(...problems.map((p) => `${method} ${route.template}: ${p}`));
        return json({ status: 599, body: { message: 'fixture violates the OpenAPI spec' } });
      }
    }
    return json(behaviour);
  };

  private validate(template: string, method: string, reply: Reply): string[] {
    let errors: string[];
    try {
      errors = validateResponse(specFor(template), template, method, reply.status, reply.body, SPEC_RELAXATIONS[template] ?? []);
    } catch (e) {
      return [(e as Error).message];
    }
    const kept = errors.filter((e) => !allowedDeviation(template, e));
    if (template === '/v2/account/activities/{activity_type}') kept.push(...checkFillItems(reply.body));
    return kept;
  }
}

function json(reply: Reply): Response {
  const headers = new Headers({ 'content-type': 'application/json', ...reply.headers });
  const text = reply.text ?? (reply.body === undefined ? null : JSON.stringify(reply.body));
  return new Response(reply.status === 204 ? null : text, { status: reply.status, headers });
}

// Resolves never; rejects as fetch does when the client aborts (the SDK's per-request timeout).
function hang(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    if (!signal) return;
    const abort = () => reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
}
