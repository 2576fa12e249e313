import type * as z from 'zod/mini';
import { handler, ownedAnswer, type Call } from '../platform/handler.ts';
import { buildsFreshOutput } from '../platform/fresh-output.ts';
import { AppError } from '../shared/errors.ts';
import { describeIssues } from '../shared/describe-issues.ts';
import { REPORT_INPUT } from '../shared/parse-options.ts';
import type { WorkerContract } from '../app/coordinator/contracts.ts';
import type { Runtime } from './runtime.ts';
import { defineFunction, runtimeLogger, type FunctionDef } from './define.ts';
import { recordRunFor } from './stores.ts';

/**
 * A worker function (invoked by the coordinator, `web: false`) under its contract: the arguments are parsed
 * with the contract's schema, and the answer is checked against it before it leaves (a breach is a crash,
 * logged, never a silently different answer). Its deps are built once from the runtime; every run recorded.
 */
export function worker<A extends z.ZodMiniType, R extends z.ZodMiniType, D>(
  contract: WorkerContract<A, R>,
  setup: (rt: Runtime) => D,
  run: (input: z.output<A>, call: Call<D>) => Promise<z.input<R>>,
): FunctionDef {
  // The contract's parse builds the answer anew (every worker's answer is objects, arrays and records of
  // primitives; the tick's is custom): an in-process caller then gets it without another copy.
  const fresh = buildsFreshOutput(contract.answer);
  // Once per worker, not per call: checks a run's result against the contract.
  const check = (result: z.input<R>): unknown => {
    const answer = contract.answer.safeParse(result, REPORT_INPUT);
    if (!answer.success) {
      throw new AppError('INTERNAL', `${contract.fn} answer breaks its contract: ${describeIssues(answer.error.issues).map((p) => `${p.field} ${p.problem}`).join('; ')}`);
    }
    return fresh ? ownedAnswer(answer.data) : answer.data;
  };
  return defineFunction((runtime) =>
    handler({
      name: contract.fn,
      schema: contract.args,
      setup: () => setup(runtime()),
      run,
      answer: check,
      recordRun: recordRunFor(contract.fn, runtime),
      logger: runtimeLogger(runtime),
    }),
  );
}
