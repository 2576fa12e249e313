import * as z from 'zod/mini';
import { IdArg } from '../../../lib/platform/query-args.ts';
import { webFunction } from '../../../lib/compose/web.ts';
import { researchViewDeps } from '../../../lib/compose/research-reporting.ts';
import { researchCompareView } from '../../../lib/app/reporting/research-compare.ts';

const Args = z.object({ a: IdArg(), b: IdArg() }).check(z.refine((x: unknown) => (x as { a?: unknown }).a !== (x as { b?: unknown }).b, { message: 'expected a run other than a', path: ['b'] }));

/** reporting/research-compare: two research runs' settings and assumptions diffs, and two event studies catalyst by catalyst with tested differences. */
export const { main, create } = webFunction('reporting/research-compare', Args, researchViewDeps, async (i, { deps }) => researchCompareView(deps, i));
