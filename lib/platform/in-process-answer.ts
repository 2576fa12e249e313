import { json, type FunctionResponse } from './envelope.ts';
import { NOT_PLAIN, PAYLOAD_LIMIT_BYTES, plainJsonCopy, plainJsonProof } from './plain-json.ts';

const ANSWER = Symbol('in-process answer');

// The activation result carries the body as a JSON string: its text at most doubles there (every `"` and
// `\` escaped), beside the status and the headers.
const RESULT_OVERHEAD_BYTES = 512;

const LIMIT_BYTES = (PAYLOAD_LIMIT_BYTES - RESULT_OVERHEAD_BYTES) / 2;

/**
 * A JSON response for a caller in this process (context.inProcess): the answer travels as a value, a copy
 * equal to what its JSON text would parse to, proved plain JSON and within the platform's 1 MB; its body is
 * printed only if someone reads it (JSON.stringify of the response prints it too). An answer that cannot be
 * proved so is printed as `json` would. `owned`: the payload was built for this response alone (a parse's
 * fresh output, see plainJsonProof) and travels itself once proved, as the copy would have.
 */
export function inProcessJson(statusCode: number, payload: unknown, headers?: Record<string, string>, owned = false): FunctionResponse {
  let carried: unknown = payload;
  if (owned) {
    if (plainJsonProof(payload, LIMIT_BYTES) === NOT_PLAIN) return json(statusCode, payload, headers);
  } else {
    const plain = plainJsonCopy(payload, LIMIT_BYTES);
    if (plain === NOT_PLAIN) return json(statusCode, payload, headers);
    carried = plain.copy;
  }
  // Without extra headers (every worker answer), one literal rather than a spread of an empty object.
  const all = headers === undefined ? { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } : { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers };
  return new InProcessResponse(statusCode, all, carried);
}

// A class (its body an accessor on the prototype) rather than an object literal with accessors, which V8
// builds slowly: one is made per in-process invocation.
class InProcessResponse implements FunctionResponse {
  [ANSWER]: unknown;
  private text: string | undefined;

  constructor(
    public statusCode: number,
    public headers: Record<string, string>,
    answer: unknown,
  ) {
    this[ANSWER] = answer;
  }

  get body(): string {
    return (this.text ??= JSON.stringify(this[ANSWER]));
  }

  set body(text: string) {
    this.text = text;
    delete this[ANSWER];
  }

  toJSON(): FunctionResponse {
    return { statusCode: this.statusCode, headers: this.headers, body: this.body };
  }
}

/** The value a response answers: the one it carries (an in-process answer), else its body parsed (undefined when not JSON). */
export function answerOf(res: { body?: unknown }): unknown {
  if (carriesAnswer(res)) return (res as { [ANSWER]: unknown })[ANSWER];
  if (typeof res.body !== 'string') return res.body;
  try {
    return res.body === '' ? null : JSON.parse(res.body);
  } catch {
    return undefined;
  }
}

/** Whether the response carries its answer as a value (proved JSON-safe and within the size limit). */
export function carriesAnswer(res: unknown): boolean {
  return res !== null && typeof res === 'object' && ANSWER in res;
}
