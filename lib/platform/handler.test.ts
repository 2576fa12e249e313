import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { handler, ownedAnswer, respond } from './handler.ts';
import { createLogger, registerSecrets } from './logger.ts';
import { readRequest } from './envelope.ts';
import { answerOf, carriesAnswer } from './in-process-answer.ts';
import { AppError } from '../shared/errors.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({ sink: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) }) };
}

const Echo = z.object({ symbol: z.string().check(z.regex(/^[A-Z]{1,5}$/)), qty: z.coerce.number().check(z.int(), z.positive()) });

function echoFn(extra: Partial<Parameters<typeof handler>[0]> = {}) {
  const { lines, logger } = capture();
  const main = handler({
    name: 'test/echo',
    schema: Echo,
    setup: () => ({ greeting: 'hi' }),
    run: (input, { deps }) => ({ ...input, greeting: deps.greeting }),
    logger,
    ...(extra as object),
  });
  return { main, lines };
}

const web = (method: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) => ({
  http: { method, headers: { 'content-type': 'application/json', ...headers }, path: '' },
  ...extra,
});

describe('readRequest', () => {
  it('reads_the_web_envelope_and_merges_params', () => {
    const r = readRequest({ qty: '3', http: { method: 'post', headers: { 'X-Request-Id': 'abc' }, path: '/x', queryString: 'symbol=AAPL' } });
    expect(r).toMatchObject({ method: 'POST', path: '/x', isHttp: true, params: { qty: '3', symbol: 'AAPL' } });
    expect(r.headers['x-request-id']).toBe('abc');
  });

  it('decodes_a_base64_raw_json_body', () => {
    const body = Buffer.from(JSON.stringify({ symbol: 'MSFT' })).toString('base64');
    const r = readRequest({ http: { method: 'POST', headers: { 'content-type': 'application/json' }, body, isBase64Encoded: true } });
    expect(r.body).toEqual({ symbol: 'MSFT' });
    expect(r.params.symbol).toBe('MSFT');
  });

  it('reads_the_older_ow_keys', () => {
    const r = readRequest({ __ow_method: 'get', __ow_headers: { Accept: 'json' }, __ow_path: '/p', __ow_query: 'a=1' });
    expect(r).toMatchObject({ method: 'GET', path: '/p', query: { a: '1' }, isHttp: true });
    expect(r.params).toEqual({ a: '1' });
  });

  it('treats_plain_args_as_an_invocation', () => {
    expect(readRequest({ batch: ['A'] })).toMatchObject({ method: 'INVOKE', isHttp: false, params: { batch: ['A'] } });
  });
});

describe('handler', () => {
  it('runs_the_use_case_and_answers_200_json', async () => {
    const { main } = echoFn();
    const res = await main(web('POST', { symbol: 'AAPL', qty: '10' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(JSON.parse(res.body)).toEqual({ symbol: 'AAPL', qty: 10, greeting: 'hi' });
  });

  it('answers_an_in_process_caller_with_the_value_and_the_same_json_text_for_anyone_reading_the_body', async () => {
    const { main } = echoFn();
    const plain = await main({ symbol: 'AAPL', qty: 10 });
    const res = await main({ symbol: 'AAPL', qty: 10 }, { inProcess: true });
    expect(carriesAnswer(res)).toBe(true);
    expect(answerOf(res)).toEqual({ symbol: 'AAPL', qty: 10, greeting: 'hi' });
    expect(res.body).toBe(plain.body);
    expect(JSON.parse(JSON.stringify(res))).toMatchObject({ statusCode: 200, body: plain.body });
    res.body = '{"replaced":true}';
    expect(answerOf(res)).toEqual({ replaced: true });
    // A failure is printed as always.
    const bad = await main({ symbol: 'toolong1', qty: 1 }, { inProcess: true });
    expect(carriesAnswer(bad)).toBe(false);
    expect(answerOf(bad)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('hands_an_owned_answer_to_an_in_process_caller_itself_once_proved_plain_and_prints_it_for_everyone_else', async () => {
    let last: unknown;
    const main = handler({
      name: 'test/owned',
      schema: z.object({ x: z.number() }),
      setup: () => ({}),
      run: (input) => ownedAnswer((last = { rows: [{ x: input.x }] })),
      logger: capture().logger,
    });
    const res = await main({ x: 1 }, { inProcess: true });
    expect(carriesAnswer(res)).toBe(true);
    expect(answerOf(res)).toBe(last);
    expect(res.body).toBe('{"rows":[{"x":1}]}');
    expect((await main({ x: 1 })).body).toBe('{"rows":[{"x":1}]}');
    // What JSON would change (-0 prints 0) is printed and parsed as always.
    const negativeZero = await main({ x: -0 }, { inProcess: true });
    expect(carriesAnswer(negativeZero)).toBe(false);
    expect(answerOf(negativeZero)).toEqual({ rows: [{ x: 0 }] });
  });

  it('answers_what_the_answer_hook_makes_of_the_result_and_handles_what_it_throws_as_the_runs_error', async () => {
    const { main, lines } = echoFn({
      answer: (r: { qty: number }) => {
        if (r.qty > 5) throw new AppError('INTERNAL', 'answer breaks its contract: qty too large');
        return { checked: r.qty };
      },
    } as never);
    expect(JSON.parse((await main({ symbol: 'A', qty: 2 })).body)).toEqual({ checked: 2 });
    const refused = await main({ symbol: 'A', qty: 9 });
    expect(refused.statusCode).toBe(500);
    expect(JSON.parse(refused.body).error.code).toBe('INTERNAL');
    expect(lines.some((l) => l.msg === 'invocation crashed')).toBe(true);
  });

  it('answers_400_when_the_body_is_not_json_instead_of_running_as_if_it_were_empty', async () => {
    const { main } = echoFn({ schema: z.object({}) });
    for (const [body, type, message] of [
      ['{"symbol": "AA', 'application/json', 'body is not valid JSON'],
      ['hello', 'text/plain', 'body is not valid JSON'],
      ['[1,2]', 'application/json', 'body must be a JSON object'],
      ['null', 'application/json', 'body must be a JSON object'],
    ] as const) {
      const res = await main({ http: { method: 'POST', headers: { 'content-type': type }, path: '', body } });
      expect(res.statusCode, body).toBe(400);
      expect(JSON.parse(res.body).error).toMatchObject({ code: 'BAD_REQUEST', message });
    }
    const form = await main({ http: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, path: '', body: 'a=1' } });
    expect(form.statusCode).toBe(200);
  });

  it('answers_400_naming_each_bad_field_and_what_was_expected', async () => {
    const { main } = echoFn();
    const res = await main(web('POST', { symbol: 'toolong1', qty: '-2' }));
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body) as { error: { code: string; details: { problems: { field: string; problem: string }[] } } };
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.details.problems).toEqual([
      { field: 'symbol', problem: 'expected text matching /^[A-Z]{1,5}$/' },
      { field: 'qty', problem: 'expected > 0' },
    ]);
    const missing = await main(web('POST', {}));
    expect(JSON.parse(missing.body).error.details.problems).toEqual([
      { field: 'symbol', problem: 'is required (expected string)' },
      { field: 'qty', problem: 'expected number, got text that is not a number' },
    ]);
  });

  it('runs_the_auth_hook_before_parsing', async () => {
    const { main } = echoFn({
      auth: (req: { headers: Record<string, string> }) => {
        if (req.headers.authorization !== 'Bearer good') throw new AppError('UNAUTHORIZED', 'A valid token is required');
        return { subject: 'trader' };
      },
      run: (_i: unknown, call: { principal?: { subject: string } }) => ({ who: call.principal?.subject }),
    } as never);
    expect((await main(web('POST', {}))).statusCode).toBe(401);
    const ok = await main(web('POST', { symbol: 'A', qty: 1 }, { authorization: 'Bearer good' }));
    expect(JSON.parse(ok.body)).toEqual({ who: 'trader' });
  });

  it('maps_errors_by_code_and_hides_internals_of_crashes', async () => {
    const { main, lines } = echoFn({
      run: () => {
        throw new Error('connect ECONNREFUSED postgres://admin:pw@10.0.0.5/db');
      },
    } as never);
    const res = await main(web('POST', { symbol: 'A', qty: 1 }));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('ECONNREFUSED');
    expect(res.body).not.toContain('10.0.0.5');
    expect(JSON.parse(res.body).error.code).toBe('INTERNAL');
    expect(lines.find((l) => l.msg === 'invocation crashed')).toBeDefined();

    const limited = echoFn({
      run: () => {
        throw new AppError('RATE_LIMITED', 'Broker rate limit reached', { retryAfterSeconds: 7 });
      },
    } as never);
    const r2 = await limited.main(web('POST', { symbol: 'A', qty: 1 }));
    expect(r2.statusCode).toBe(429);
    expect(r2.headers['retry-after']).toBe('7');
    expect(JSON.parse(r2.body).error).toMatchObject({ code: 'RATE_LIMITED', message: 'Broker rate limit reached' });
  });

  it('answers_a_chosen_status_with_respond', async () => {
    const { main } = echoFn({ run: () => respond(503, { status: 'down' }) } as never);
    const res = await main(web('GET', { symbol: 'A', qty: 1 }));
    expect(res.statusCode).toBe(503);
  });

  it('refuses_methods_it_does_not_serve', async () => {
    const { main } = echoFn({ methods: ['GET'] } as never);
    expect((await main(web('DELETE', { symbol: 'A', qty: 1 }))).statusCode).toBe(405);
    // Invocations through the invoke API carry no method and are always accepted.
    expect((await main({ symbol: 'A', qty: 1 })).statusCode).toBe(200);
  });

  it('writes_one_log_line_per_invocation_with_request_id_function_and_duration', async () => {
    const { main, lines } = echoFn();
    await main(web('POST', { symbol: 'A', qty: 1 }), { activationId: 'act-1', requestId: 'req-1' });
    const inv = lines.filter((l) => l.msg === 'invocation');
    expect(inv).toHaveLength(1);
    expect(inv[0]).toMatchObject({ fn: 'test/echo', requestId: 'req-1', activationId: 'act-1', statusCode: 200, level: 'info' });
    expect(typeof inv[0]!.durationMs).toBe('number');
  });

  it('redacts_secrets_from_log_lines_and_error_bodies', async () => {
    registerSecrets(['sk-live-abcdef123456']);
    const { main, lines } = echoFn({
      run: (_i: unknown, { log }: { log: { info: (m: string, f: object) => void } }) => {
        log.info('calling broker', { authorization: 'Bearer xyz', url: 'https://x?key=sk-live-abcdef123456' });
        throw new AppError('DEPENDENCY_UNAVAILABLE', 'broker said: bad key sk-live-abcdef123456');
      },
    } as never);
    const res = await main(web('POST', { symbol: 'A', qty: 1 }));
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('sk-live-abcdef123456');
    const all = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(all).not.toContain('sk-live-abcdef123456');
    expect(all).not.toContain('Bearer xyz');
    expect(all).toContain('[redacted]');
  });

  it('retries_a_failed_setup_on_the_next_invocation', async () => {
    let attempts = 0;
    const { main } = echoFn({
      setup: () => {
        attempts++;
        if (attempts === 1) throw new AppError('CONFIG_INVALID', 'DATABASE_URL is not set');
        return { greeting: 'again' };
      },
    } as never);
    const first = await main(web('POST', { symbol: 'A', qty: 1 }));
    expect(first.statusCode).toBe(500);
    expect(JSON.parse(first.body).error.code).toBe('CONFIG_INVALID');
    expect(first.body).not.toContain('DATABASE_URL');
    const second = await main(web('POST', { symbol: 'A', qty: 1 }));
    expect(JSON.parse(second.body).greeting).toBe('again');
  });

  it('gives_the_use_case_the_time_its_context_says_is_left_and_infinity_without_one', async () => {
    const main = handler({ name: 'test/left', schema: z.object({}), setup: () => ({}), run: (_i, { remainingMs }) => ({ left: remainingMs() }), logger: capture().logger });
    // The platform's method may read its own context through `this`.
    const context = { deadline: 5_000, getRemainingTimeInMillis(this: { deadline: number }) { return this.deadline - 1_000; } };
    expect(JSON.parse((await main({}, context)).body)).toEqual({ left: 4_000 });
    expect(JSON.parse((await main({})).body)).toEqual({ left: null });
  });

  it('runs_a_call_that_arrives_while_setup_is_still_building_with_the_same_deps', async () => {
    let builds = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { main } = echoFn({ setup: async () => { await gate; return { greeting: `build ${++builds}` }; } } as never);
    const calls = [main(web('POST', { symbol: 'A', qty: 1 })), main(web('POST', { symbol: 'B', qty: 1 }))];
    release();
    const later = await main(web('POST', { symbol: 'C', qty: 1 }));
    expect([...(await Promise.all(calls)), later].map((r) => JSON.parse(r.body).greeting)).toEqual(['build 1', 'build 1', 'build 1']);
  });

  it('builds_deps_once_per_handler', async () => {
    let builds = 0;
    const { main } = echoFn({ setup: () => ({ greeting: `build ${++builds}` }) } as never);
    const greet = async () => JSON.parse((await main(web('POST', { symbol: 'A', qty: 1 }))).body).greeting as string;
    expect([await greet(), await greet(), await greet()]).toEqual(['build 1', 'build 1', 'build 1']);
  });
});
