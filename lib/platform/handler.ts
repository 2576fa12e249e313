import type * as z from 'zod/mini';
// The module's binding: the global `performance` is a getter, run on every read.
import { performance } from 'node:perf_hooks';
import { AppError, isAppError } from '../shared/errors.ts';
import { describeIssues } from '../shared/describe-issues.ts';
import { REPORT_INPUT } from '../shared/parse-options.ts';
import { asDependencyError, dependencyOf } from './dependency-errors.ts';
import { readRequest, json, type FunctionRequest, type FunctionResponse, type InvocationContext } from './envelope.ts';
import { createLogger, knownSecrets, lazyChild, logs, scrubSecrets, type Logger } from './logger.ts';
import { inProcessJson } from './in-process-answer.ts';

/** Who called a function, as established by its auth hook. */
export interface Principal {
  subject: string;
  [k: string]: unknown;
}

/** Everything a use case gets besides its parsed input. */
export interface Call<D> {
  deps: D;
  req: FunctionRequest;
  ctx: InvocationContext;
  log: Logger;
  principal: Principal | undefined;
  requestId: string;
  /** Milliseconds left before the platform kills this activation (Infinity when unknown). */
  remainingMs: () => number;
}

const RESPONSE = Symbol('response');
/** A use-case result that chooses its own status and headers. */
export interface HttpResult {
  [RESPONSE]: true;
  statusCode: number;
  payload: unknown;
  headers: Record<string, string>;
}

/** Lets a use case answer with a status other than 200. */
export function respond(statusCode: number, payload: unknown, headers: Record<string, string> = {}): HttpResult {
  return { [RESPONSE]: true, statusCode, payload, headers };
}

/** An answer built for this response alone (a parse's fresh output, see fresh-output.ts): see `ownedAnswer`. */
export class OwnedAnswer {
  constructor(readonly payload: unknown) {}
}

/**
 * Answers `payload` (200) as one nothing else holds any part of: an in-process caller gets it itself once it
 * is proved plain JSON, instead of a copy (in-process-answer.ts); everyone else gets its JSON as always.
 */
export function ownedAnswer(payload: unknown): OwnedAnswer {
  return new OwnedAnswer(payload);
}

export interface RunOutcome {
  ok: boolean;
  durationMs: number;
  errorCode?: string;
}

export interface HandlerSpec<S extends z.ZodMiniType, D, R> {
  /** `<package>/<function>`, as in project.yml. */
  name: string;
  schema: S;
  /** Builds the function's dependencies once per cold start (retried if it fails). */
  setup: () => D | Promise<D>;
  /** Throws an UNAUTHORIZED/FORBIDDEN AppError when the caller may not run this function. */
  auth?: (req: FunctionRequest, deps: D) => Principal | Promise<Principal>;
  run: (input: z.output<S>, call: Call<D>) => R | Promise<R>;
  /**
   * Checks (and may replace) the run's result before it is answered, e.g. against a worker's contract; what it
   * throws is handled as the run's own error. Called as soon as the run's result is in, without a wrapper
   * around the run (an async layer per call).
   */
  answer?: (result: R) => unknown;
  /** HTTP methods accepted (invocations through the invoke API are always accepted). */
  methods?: readonly string[];
  /** Extra response headers (CORS), computed per request. */
  headers?: (req: FunctionRequest, deps: D | undefined) => Record<string, string>;
  /** Records each run's outcome (for health's "last successful run"); failures here are only logged. */
  recordRun?: (deps: D, outcome: RunOutcome) => Promise<void>;
  /** The function's logger (lib/compose gives the configured level); info by default. */
  logger?: Logger;
}

const unknownRemaining = () => Infinity;

// Returned from a function rather than bound per call: `bind` names each bound function ("bound ...").
function remainingOf(context: InvocationContext): () => number {
  const get = context.getRemainingTimeInMillis;
  return get ? () => get.call(context) : unknownRemaining;
}

export type Main = (args: unknown, context?: InvocationContext) => Promise<FunctionResponse>;

function errorBody(code: string, message: string, requestId: string, details?: unknown) {
  return { error: { code, message: scrubSecrets(message, knownSecrets()), ...(details === undefined ? {} : { details }), requestId } };
}

/** Wraps a use case as a DigitalOcean Functions `main`: parse, authorise, run, map errors, log once. */
export function handler<S extends z.ZodMiniType, D, R>(spec: HandlerSpec<S, D, R>): Main {
  let built: Promise<D> | undefined;
  // Once setup has succeeded, its deps are taken as they are: no await (and so no turn of the microtask queue) per call.
  let ready = false;
  let readyDeps: D | undefined;
  const baseLog = spec.logger ?? createLogger({ level: 'info' });
  // Built once per handler (once per cold start deployed); a failed setup is retried on the next call.
  const getDeps = (): Promise<D> => {
    if (built) return built;
    const current: Promise<D> = Promise.resolve()
      .then(spec.setup)
      .then((d) => {
        if (built === current) {
          ready = true;
          readyDeps = d;
        }
        return d;
      })
      .catch((e: unknown) => {
        if (built === current) built = undefined;
        throw e;
      });
    built = current;
    return current;
  };

  return async (args, context = {}) => {
    const started = performance.now();
    const req = readRequest(args);
    const requestId = context.requestId ?? req.headers['x-request-id'] ?? context.activationId ?? crypto.randomUUID();
    // Built only if a line is written: most invocations write none.
    const log = lazyChild(baseLog, { fn: spec.name, requestId });
    const remainingMs = remainingOf(context);
    let deps: D | undefined;
    let response: FunctionResponse;
    let errorCode: string | undefined;
    const answer = context.inProcess ? inProcessJson : json;
    try {
      if (req.isHttp && req.method === 'OPTIONS') {
        response = { statusCode: 204, headers: {}, body: '' };
      } else {
        if (req.isHttp && spec.methods && !spec.methods.includes(req.method)) {
          throw new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed; use ${spec.methods.join(' or ')}`);
        }
        if (req.bodyError) throw new AppError('BAD_REQUEST', req.bodyError);
        deps = ready ? (readyDeps as D) : await getDeps();
        const principal = spec.auth ? await spec.auth(req, deps) : undefined;
        const parsed = spec.schema.safeParse(req.params, REPORT_INPUT);
        if (!parsed.success) {
          const problems = describeIssues(parsed.error.issues);
          throw new AppError('BAD_REQUEST', `Invalid arguments: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`, {
            details: { problems },
          });
        }
        const ran = await spec.run(parsed.data as z.output<S>, { deps, req, ctx: context, log, principal, requestId, remainingMs });
        const result = spec.answer ? spec.answer(ran) : ran;
        const r = result as unknown as HttpResult | undefined;
        if (result instanceof OwnedAnswer) {
          response = context.inProcess ? inProcessJson(200, result.payload ?? null, undefined, true) : json(200, result.payload ?? null);
        } else if (r && typeof r === 'object' && RESPONSE in r) {
          const type = r.headers['content-type'];
          // A text answer (Prometheus metrics) goes out as is; everything else as JSON.
          response = typeof r.payload === 'string' && type && !type.includes('json') ? { statusCode: r.statusCode, headers: { 'cache-control': 'no-store', ...r.headers }, body: r.payload } : answer(r.statusCode, r.payload, r.headers);
        } else response = answer(200, result ?? null);
      }
    } catch (caught) {
      const e = asDependencyError(caught);
      if (isAppError(e) && e.code !== 'INTERNAL' && e.code !== 'CONFIG_INVALID' && e.code !== 'LIVE_NOT_CONFIRMED') {
        // The dependency goes with the code into the run's record (health shows it): DEPENDENCY_UNAVAILABLE:redis.
        errorCode = dependencyOf(e) ? `${e.code}:${dependencyOf(e)}` : e.code;
        const headers: Record<string, string> = e.retryAfterSeconds ? { 'retry-after': String(e.retryAfterSeconds) } : {};
        const safeDetails = e.status < 500 ? e.details : undefined;
        response = json(e.status, errorBody(e.code, e.message, requestId, safeDetails), headers);
        log[e.status >= 500 ? 'error' : 'warn']('invocation failed', { code: e.code, message: e.message });
      } else {
        errorCode = isAppError(e) ? e.code : 'INTERNAL';
        const message = errorCode === 'INTERNAL' ? 'Internal error' : 'The function is misconfigured; its log names the problem';
        response = json(500, errorBody(errorCode, `${message} (request ${requestId})`, requestId));
        log.error('invocation crashed', { code: errorCode, error: e, stack: e instanceof Error ? e.stack : undefined });
      }
    }
    // Every branch above built its own headers object: add to it rather than copy it.
    if (spec.headers) Object.assign(response.headers, spec.headers(req, deps));
    response.headers['x-request-id'] = requestId;
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    if (deps !== undefined && spec.recordRun && req.method !== 'OPTIONS') {
      try {
        await spec.recordRun(deps, { ok: errorCode === undefined, durationMs, errorCode });
      } catch (e) {
        log.warn('could not record run', { error: e });
      }
    }
    if (logs(log, 'info')) {
      log.info('invocation', {
        activationId: context.activationId,
        method: req.method,
        statusCode: response.statusCode,
        durationMs,
        ...(errorCode ? { errorCode } : {}),
      });
    }
    return response;
  };
}
