import type * as z from 'zod/mini';

/** One bad field: where it is and what was expected there, in words. Never carries the bad value. */
export interface FieldProblem {
  field: string;
  problem: string;
}

type Issue = z.core.$ZodIssue;

function kindOf(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'text that is not a number';
  return `a ${typeof input}`;
}

function describeOne(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `is required (expected ${issue.expected})`;
      return `expected ${issue.expected}, got ${kindOf(issue.input)}`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `expected at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `expected ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `expected at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `expected ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue
        ? `expected text matching ${String(issue.pattern)}`
        : `expected a valid ${issue.format}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return issue.errors.length === 0
        ? `is required (expected one of the allowed values)`
        : `did not match any allowed shape: ${issue.errors
            .map((branch) => branch.map(describeOne).join('; '))
            .join(' | ')}`;
    case 'custom':
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'is invalid';
    default:
      return issue.message || 'is invalid';
  }
}

/** Turns zod issues into field-by-field problems a person can act on. */
export function describeIssues(issues: readonly Issue[], root = ''): FieldProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { field: path || root || '(input)', problem: describeOne(issue) };
  });
}

/** Formats problems as one line each: `FIELD: problem`. */
export function formatProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `  - ${p.field}: ${p.problem}`).join('\n');
}
