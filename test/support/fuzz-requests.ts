import type { Random } from '../../lib/shared/random.ts';

/** One request of the fuzz campaign, fully determined by the seed. */
export interface FuzzRequest {
  kind: 'web' | 'invoke' | 'static';
  target: string;
  method: string;
  /** Path and query after the server's base URL. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FuzzContext {
  namespace: string;
  webFunctions: readonly string[];
  workerFunctions: readonly string[];
  /** A valid access token, a refresh token, a device token: the fuzz mixes valid and broken credentials. */
  accessToken: string;
  refreshToken: string;
  metricsToken: string;
  basicAuth: string;
}

const FIELDS = [
  'symbol', 'from', 'to', 'status', 'limit', 'beforeId', 'cycleId', 'tradeId', 'days', 'timeframe', 'exitReason', 'action', 'why',
  'password', 'refreshToken', 'deviceToken', 'fence', 'mode', 'symbols', 'market', 'reason', 'detections', '__proto__', 'constructor',
];
const STRINGS = [
  '', ' ', 'AAPL', 'aapl', 'BTC/USD', 'A'.repeat(300), '../../etc/passwd', "' OR 1=1--", '"; DROP TABLE orders;--', '%00', '\u0000', '\ud800',
  '😀', '<script>alert(1)</script>', '${jndi:ldap://x}', 'halt', 'flatten', 'close', 'resume', 'login', 'refresh', 'logout', 'entries', 'exits',
  'scan', 'refresh', 'open', 'closed', 'all', '1Min', '1Day', 'crypto', 'stocks', 'NaN', 'Infinity', '-0', '1e400', '0x10', 'null', 'true',
];
const NUMBERS = [0, -1, 1, 1.5, 2 ** 31, 2 ** 53, 2 ** 63, 8.64e15, 8.64e15 + 1, 1e300, -1e300, Number.MAX_SAFE_INTEGER, 1e-300, 987654];

function value(r: Random, depth = 0): unknown {
  const k = r.int(0, depth > 1 ? 3 : 6);
  if (k === 0) return r.pick(STRINGS);
  if (k === 1) return r.pick(NUMBERS);
  if (k === 2) return r.pick([true, false, null]);
  if (k === 3) return r.pick(STRINGS) + String(r.int(0, 99));
  if (k === 4) return Array.from({ length: r.int(0, 4) }, () => value(r, depth + 1));
  if (k === 5) return object(r, depth + 1);
  return r.chance(0.5) ? String(r.pick(NUMBERS)) : r.pick(['AAPL', 'MSFT', 'ACME']);
}

function object(r: Random, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = r.int(0, 4); i > 0; i--) Object.defineProperty(out, r.pick(FIELDS), { value: value(r, depth), enumerable: true, configurable: true, writable: true });
  return out;
}

function queryString(r: Random): string {
  const parts: string[] = [];
  for (let i = r.int(0, 4); i > 0; i--) {
    const v = value(r, 2);
    const text = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
    parts.push(`${r.pick(FIELDS)}=${r.chance(0.1) ? r.pick(['%', '%E0%A4%A', '%zz', '%%']) : encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '?'))}`);
  }
  if (r.chance(0.05)) parts.push('a=1&a=2&&=&%=%');
  return parts.length ? `?${parts.join('&')}` : '';
}

function body(r: Random): { text: string; type: string } | undefined {
  const k = r.int(0, 9);
  if (k <= 1) return undefined;
  if (k <= 5) return { text: JSON.stringify(object(r)), type: 'application/json' };
  if (k === 6) return { text: r.pick(['{"action":', '{', 'not json', '[1,2', '{"a":1}}', '\u0000\u0001', '{"password":"x"'] ), type: r.pick(['application/json', 'text/plain']) };
  if (k === 7) return { text: JSON.stringify(r.pick([[1, 2], null, 7, 'x', true])), type: 'application/json' };
  if (k === 8) return { text: 'action=halt&why=fuzzing', type: 'application/x-www-form-urlencoded' };
  return { text: JSON.stringify(object(r)), type: r.pick(['text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x', '']) };
}

function bearer(r: Random, c: FuzzContext): Record<string, string> {
  const k = r.int(0, 9);
  if (k <= 4) return { authorization: `Bearer ${c.accessToken}` };
  if (k === 5) return {};
  if (k === 6) return { authorization: r.pick([c.accessToken, `Bearer ${c.refreshToken}`, `Bearer ${c.accessToken}.x`, 'Bearer ', 'Basic Zm9vOmJhcg==', `Bearer ${c.metricsToken}`]) };
  if (k === 7) return { authorization: `Bearer ${Buffer.from('null').toString('base64url')}.${c.accessToken.split('.')[1]}` };
  if (k === 8) return { authorization: `Bearer ${c.accessToken.slice(0, -2)}${r.pick(['AA', '__', '--'])}` };
  return { authorization: `Bearer ${'A'.repeat(r.int(1, 5000))}` };
}

/** The next fuzz request: web functions (most), the invoke API, and static paths. */
export function nextFuzzRequest(r: Random, c: FuzzContext): FuzzRequest {
  const roll = r.next();
  if (roll < 0.72) {
    const fn = r.pick(c.webFunctions);
    const writes = fn === 'reporting/auth' || fn === 'trading/control';
    const method = r.chance(0.85) ? (writes ? 'POST' : 'GET') : r.pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH']);
    const b = method === 'GET' || method === 'HEAD' ? undefined : body(r);
    const headers: Record<string, string> = { ...(fn === 'reporting/metrics' && r.chance(0.5) ? { authorization: `Bearer ${c.metricsToken}` } : bearer(r, c)) };
    if (b?.type) headers['content-type'] = b.type;
    if (r.chance(0.1)) headers['x-forwarded-for'] = `${r.int(1, 255)}.${r.int(0, 255)}.0.1, ${r.pick(STRINGS).replace(/[^\x20-\x7e]/g, '?')}`;
    const extra = r.chance(0.08) ? `/${r.pick(['x', '..', '%2e%2e', 'a/b/c'])}` : '';
    return { kind: 'web', target: fn, method, path: `/api/v1/web/${c.namespace}/${fn}${extra}${queryString(r)}`, headers, ...(b ? { body: b.text } : {}) };
  }
  if (roll < 0.94) {
    const fn = r.chance(0.95) ? r.pick(c.workerFunctions) : r.pick(['nope/nothing', 'reporting/summary', '..%2F..']);
    // Most carry a broken fence: a worker whose arguments are all optional would otherwise run in full each
    // time (a reconcile, a news collection), which tests the trading day's suites, not input handling.
    const fields = object(r);
    if (r.chance(0.9)) fields.fence = r.pick([1.5, -1, 0, 1e300, 2 ** 63, 'x', null, [], {}]);
    const args = r.chance(0.85) ? JSON.stringify(fields) : r.pick(['{', 'null', '[]', '"x"', '{"fence":1.5}', '{"cycleId":1e400}']);
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: r.chance(0.9) ? c.basicAuth : r.pick(['Basic eDp5', 'Bearer x', '']) };
    const query = r.chance(0.9) ? '?blocking=true&result=true' : r.pick(['?blocking=true', '?result=true&blocking=true&x=%zz', '?blocking=true&result=false']);
    const method = r.chance(0.95) ? 'POST' : r.pick(['GET', 'PUT']);
    return { kind: 'invoke', target: fn, method, path: `/api/v1/namespaces/${c.namespace}/actions/${fn}${query}`, headers, body: method === 'GET' ? undefined : args };
  }
  const path = r.pick(['/', '/index.html', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/%E0%A4%A', '/%', '/a%00b', '/..%5c..%5cwindows', `/${'a/'.repeat(50)}`, '/api/v1/web/', '/api/v1/web/other/reporting/summary', '//x', '/.env']);
  return { kind: 'static', target: 'static', method: r.pick(['GET', 'HEAD', 'POST']), path, headers: {} };
}
