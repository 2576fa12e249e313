import type * as z from 'zod/mini';

// Parsing with these builds a new object or array for every object or array of its output: their values
// are primitives or come from their own children.
const CONTAINERS = new Set(['object', 'array', 'record', 'union', 'optional', 'nullable']);
// These answer a primitive (a `never` catchall answers nothing: a strict object refuses unknown keys).
const PRIMITIVES = new Set(['string', 'number', 'boolean', 'null', 'enum', 'literal', 'never']);

interface Def {
  type: string;
  checks?: readonly { _zod: { def: { check: string } } }[];
  shape?: Record<string, z.ZodMiniType>;
  catchall?: z.ZodMiniType;
  element?: z.ZodMiniType;
  keyType?: z.ZodMiniType;
  valueType?: z.ZodMiniType;
  mode?: string;
  options?: readonly z.ZodMiniType[];
  innerType?: z.ZodMiniType;
}

/**
 * Whether every object and array in what `schema` parses a value to is built by the parse itself, so that
 * nothing but the parse's caller holds any part of it: objects (stripped or strict), arrays, records, unions,
 * optionals and nullables of strings, numbers, booleans, enums and literals. Anything that may hand back part
 * of its input (custom, unknown, any, a loose object or record, a transform, a pipe, a default, an overwrite,
 * a check on an object) answers false.
 */
export function buildsFreshOutput(schema: z.ZodMiniType): boolean {
  const def = schema._zod.def as unknown as Def;
  if (def.checks?.some((c) => c._zod.def.check === 'overwrite')) return false;
  if (PRIMITIVES.has(def.type)) return true;
  if (!CONTAINERS.has(def.type)) return false;
  // A refinement of an object sees the output: it could keep it.
  if (def.checks !== undefined && def.checks.length > 0) return false;
  switch (def.type) {
    case 'object':
      return Object.values(def.shape ?? {}).every(buildsFreshOutput) && (def.catchall === undefined || buildsFreshOutput(def.catchall));
    case 'array':
      return def.element !== undefined && buildsFreshOutput(def.element);
    case 'record':
      return def.mode !== 'loose' && def.keyType !== undefined && def.valueType !== undefined && buildsFreshOutput(def.keyType) && buildsFreshOutput(def.valueType);
    case 'union':
      return (def.options ?? []).length > 0 && (def.options ?? []).every(buildsFreshOutput);
    default:
      return def.innerType !== undefined && buildsFreshOutput(def.innerType);
  }
}
