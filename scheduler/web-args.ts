import type http from 'node:http';
import type { LoadedFunction } from './function-registry.ts';

function headersOf(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  // As a forwarding proxy does: keep what the client sent and append the address it connected from.
  out['x-forwarded-for'] = [out['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
  out['x-request-id'] ??= '';
  if (!out['x-request-id']) delete out['x-request-id'];
  return out;
}

/** Builds `args` the way DigitalOcean does for a web function (`web: true` merges query and JSON body). */
export function webArgs(fn: LoadedFunction, req: http.IncomingMessage, url: URL, rest: string, body: string): Record<string, unknown> {
  const headers = headersOf(req);
  const httpPart: Record<string, unknown> = { headers, method: req.method ?? 'GET', path: rest };
  if (fn.spec.web === 'raw') {
    return { http: { ...httpPart, body, queryString: url.search.replace(/^\?/, ''), isBase64Encoded: false } };
  }
  const args: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) args[k] = v;
  const type = headers['content-type'] ?? '';
  if (body) {
    if (type.includes('json')) {
      try {
        const parsed: unknown = JSON.parse(body);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(args, parsed);
        else httpPart.body = body;
      } catch {
        httpPart.body = body;
      }
    } else if (type.includes('x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body)) args[k] = v;
    } else {
      httpPart.body = body;
    }
  }
  return { ...args, http: httpPart };
}
