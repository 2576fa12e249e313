/** An expected outcome as a value: `ok` with a value, or not ok with a reason (like zod's safeParse). */
export type Result<T, R = string> = { ok: true; value: T } | { ok: false; reason: R };

/** Wraps a value as a successful Result. */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** Wraps a reason as a failed Result. */
export const fail = <R>(reason: R): { ok: false; reason: R } => ({ ok: false, reason });
