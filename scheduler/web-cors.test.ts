import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntimeServer, type RuntimeServer } from './web-server.ts';
import type { LoadedFunction, MainFn } from './function-registry.ts';

const DASHBOARD = 'https://dashboard.example';
const calls: string[] = [];
/** A web function that sets its own CORS for the dashboard and answers OPTIONS itself, as lib/compose/web.ts does. */
const withOwnCors: MainFn = async (args) => {
  const method = (args as { http: { method: string } }).http.method;
  calls.push(method);
  const headers = { 'access-control-allow-origin': DASHBOARD, vary: 'Origin' };
  return method === 'OPTIONS' ? { statusCode: 204, headers, body: '' } : { statusCode: 200, headers, body: { ok: true } };
};

function fn(id: string, webCustomOptions: boolean): LoadedFunction {
  const [pkg, name] = id.split('/') as [string, string];
  return {
    spec: { package: pkg, name, id, runtime: 'nodejs:22', main: 'main', web: true, webSecure: false, webCustomOptions, limits: { timeout: 2000, memory: 128 }, environment: {}, triggers: [] },
    main: withOwnCors,
  };
}

/** Raw response headers: fetch would merge a header sent twice into one value. */
function request(url: string, method: string, headers: Record<string, string> = {}): Promise<{ status: number; raw: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, raw: res.rawHeaders }));
    });
    req.on('error', reject);
    req.end();
  });
}
const valuesOf = (raw: string[], name: string) => raw.filter((_, i) => i % 2 === 1 && raw[i - 1]!.toLowerCase() === name);

describe('the local runtime applies OpenWhisk CORS to web functions', () => {
  let server: RuntimeServer;
  beforeAll(async () => {
    server = await startRuntimeServer({
      namespace: 'ns',
      apiKey: 'u:k',
      functions: new Map([fn('reporting/plain', false), fn('reporting/custom', true)].map((f) => [f.spec.id, f])),
    });
  });
  afterAll(() => server.close());

  it('adds_allow_origin_star_on_top_of_the_functions_own_without_web_custom_options', async () => {
    const res = await request(server.webUrl('reporting/plain'), 'GET', { origin: DASHBOARD });
    expect(res.status).toBe(200);
    expect(valuesOf(res.raw, 'access-control-allow-origin').sort()).toEqual(['*', DASHBOARD]);
    expect(valuesOf(res.raw, 'access-control-allow-methods')).toEqual(['OPTIONS, GET, DELETE, POST, PUT, HEAD, PATCH']);
  });

  it('answers_options_itself_without_calling_the_function_without_web_custom_options', async () => {
    calls.length = 0;
    const res = await request(server.webUrl('reporting/plain'), 'OPTIONS', { origin: DASHBOARD, 'access-control-request-headers': 'authorization' });
    expect(res.status).toBe(200);
    expect(valuesOf(res.raw, 'access-control-allow-origin')).toEqual(['*']);
    expect(valuesOf(res.raw, 'access-control-allow-headers')).toEqual(['authorization']);
    expect(calls).toEqual([]);
  });

  it('passes_options_and_headers_through_with_web_custom_options', async () => {
    calls.length = 0;
    const pre = await request(server.webUrl('reporting/custom'), 'OPTIONS', { origin: DASHBOARD });
    expect(pre.status).toBe(204);
    expect(calls).toEqual(['OPTIONS']);
    const res = await request(server.webUrl('reporting/custom'), 'GET', { origin: DASHBOARD });
    expect(valuesOf(res.raw, 'access-control-allow-origin')).toEqual([DASHBOARD]);
    expect(valuesOf(res.raw, 'access-control-allow-methods')).toEqual([]);
  });
});
