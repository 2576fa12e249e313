import type * as z from 'zod/mini';
import type { Invoker, InvokeOutcome } from '../../ports/invoker.port.ts';
import { describeIssues } from '../../shared/describe-issues.ts';
import { REPORT_INPUT } from '../../shared/parse-options.ts';
import type { WorkerContract } from './contracts.ts';

/**
 * Invokes a worker through its contract: the arguments are checked before they leave, the answer is parsed
 * when it comes back. A breach on either side is a failed outcome (`CONTRACT_VIOLATION`, not retryable)
 * naming the fields, never a cast of whatever JSON came back.
 */
export async function invokeWorker<A extends z.ZodMiniType, R extends z.ZodMiniType>(
  invoker: Invoker,
  contract: WorkerContract<A, R>,
  params: z.input<A>,
  options: { timeoutMs: number },
): Promise<InvokeOutcome<z.output<R>>> {
  const sent = contract.args.safeParse(params, REPORT_INPUT);
  if (!sent.success) return violation(`${contract.fn} arguments`, sent.error.issues);
  const outcome = await invoker.invoke<unknown>(contract.fn, params as Record<string, unknown>, options);
  if (!outcome.ok) return outcome;
  const answer = contract.answer.safeParse(outcome.value, REPORT_INPUT);
  if (!answer.success) return { ...violation(`${contract.fn} answer`, answer.error.issues), durationMs: outcome.durationMs };
  return { ok: true, value: answer.data, durationMs: outcome.durationMs };
}

function violation(what: string, issues: readonly z.core.$ZodIssue[]): InvokeOutcome<never> {
  return { ok: false, error: { code: 'CONTRACT_VIOLATION', message: `${what} break the contract: ${describeIssues(issues).map((p) => `${p.field} ${p.problem}`).join("; ")}`, retryable: false }, durationMs: 0 };
}
