import * as z from 'zod/mini';

export const nonEmpty = z.string().check(z.minLength(1));
export const int = (min: number, max: number) => z.coerce.number().check(z.int(), z.gte(min), z.lte(max));
export const num = (min: number, max: number) => z.coerce.number().check(z.gte(min), z.lte(max));
/** `true|false|1|0|yes|no|on|off`, any case. */
export const flag = z.stringbool();
/** A comma-separated list (blank entries dropped). */
export const list = z.pipe(
  z.string(),
  z.transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
);
