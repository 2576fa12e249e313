import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { IsoDateArg, isIsoDate } from './query-args.ts';
import { describeIssues } from '../shared/describe-issues.ts';

describe('query dates', () => {
  it('accepts_only_real_calendar_dates_written_yyyy_mm_dd', () => {
    expect(['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01'].map(isIsoDate)).toEqual([true, true, true, true]);
    expect(['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-1', '20260101', '2026-01-01T00:00'].map(isIsoDate)).toEqual(Array(8).fill(false));
  });

  it('refuses_a_bad_date_naming_the_field_and_the_expected_form', () => {
    const r = z.object({ from: IsoDateArg() }).safeParse({ from: '2026-02-30' });
    expect(r.success).toBe(false);
    expect(describeIssues(r.error!.issues)).toEqual([{ field: 'from', problem: 'expected a calendar date as YYYY-MM-DD' }]);
  });
});
