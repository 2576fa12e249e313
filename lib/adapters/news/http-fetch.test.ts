import { describe, expect, it } from 'vitest';
import { decodeBody, fetchText, httpStatusError, type HttpReply } from './http-fetch.ts';
import { reply, scriptedFetch } from './news-test-kit.ts';

const URL_WITH_KEY = 'https://api.example.com/v1/news?apikey=SECRET-KEY-42&q=acme';

describe('http fetch', () => {
  it('decodes_a_latin_1_feed_by_its_xml_declaration', async () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1" ?><feed><title>Société Générale</title></feed>';
    const bytes = Uint8Array.from([...xml].map((c) => c.charCodeAt(0)));
    expect(decodeBody(bytes, 'application/atom+xml')).toBe(xml);
    expect(decodeBody(new TextEncoder().encode('Société'), 'text/plain; charset=utf-8')).toBe('Société');
    const { fetch } = scriptedFetch(() => new Response(bytes, { status: 200, headers: { 'content-type': 'application/atom+xml' } }));
    expect((await fetchText(fetch, { source: 'test', url: 'https://sec.example/feed' })).body).toContain('Société Générale');
  });

  it('sorts_http_statuses_by_what_to_do_and_names_no_query_string', () => {
    const cases: [number, string, boolean][] = [
      [429, 'RATE_LIMITED', true],
      [500, 'DEPENDENCY_UNAVAILABLE', true],
      [503, 'DEPENDENCY_UNAVAILABLE', true],
      [401, 'CONFIG_INVALID', false],
      [403, 'CONFIG_INVALID', false],
      [404, 'DEPENDENCY_UNAVAILABLE', false],
    ];
    for (const [status, code, retryable] of cases) {
      const r: HttpReply = { status, body: '', retryAfterSeconds: status === 429 ? 60 : undefined };
      const e = httpStatusError('test', URL_WITH_KEY, r);
      expect([e.code, e.retryable]).toEqual([code, retryable]);
      expect(e.message).toContain('api.example.com/v1/news');
      expect(e.message).not.toContain('SECRET-KEY-42');
    }
    expect(httpStatusError('test', URL_WITH_KEY, { status: 429, body: '', retryAfterSeconds: 60 }).retryAfterSeconds).toBe(60);
  });

  it('reports_a_connection_failure_without_the_key_it_was_given', async () => {
    const { fetch } = scriptedFetch(() => new TypeError(`fetch failed for ${URL_WITH_KEY}`));
    const e = (await fetchText(fetch, { source: 'test', url: URL_WITH_KEY, secrets: ['SECRET-KEY-42'] }).catch((x: unknown) => x)) as Error;
    expect(e).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryable: true });
    expect(e.message).toBe('test: request to api.example.com/v1/news failed: fetch failed for https://api.example.com/v1/news?apikey=[redacted]&q=acme');
    const answered = await fetchText(scriptedFetch(() => reply('gone', 410)).fetch, { source: 't', url: URL_WITH_KEY });
    expect(answered).toEqual({ status: 410, body: 'gone', retryAfterSeconds: undefined });
  });
});
