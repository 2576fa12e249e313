import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { sharedData } from './shared-data.ts';

/**
 * Validates JSON against Alpaca's official OpenAPI 3.0 specs in ../shared/data/alpaca-openapi/ (read from
 * there, never copied into the repository). `relax` lists the documented places where the spec is stricter
 * than Alpaca's real responses.
 */
export type SpecName = 'trading' | 'market-data';

const SPEC_FILES: Record<SpecName, string> = { trading: 'trading-api.json', 'market-data': 'market-data-api.json' };
export const SPEC_DIR = sharedData('alpaca-openapi');

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** OpenAPI 3.0 -> JSON Schema: `nullable`, and keywords Ajv does not know. */
function toJsonSchema(node: unknown, formats: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, formats));
  if (!isObj(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'example' || k === 'examples' || k === 'discriminator' || k === 'xml' || k === 'externalDocs' || k.startsWith('x-')) continue;
    out[k] = toJsonSchema(v, formats);
  }
  if (typeof out.format === 'string') formats.add(out.format);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  } else delete out.nullable;
  return out;
}

interface Loaded {
  doc: Json;
  ajv: Ajv;
  cache: Map<string, ValidateFunction>;
}
const loaded = new Map<SpecName, Loaded>();

function load(name: SpecName): Loaded {
  const hit = loaded.get(name);
  if (hit) return hit;
  const raw = JSON.parse(readFileSync(path.join(SPEC_DIR, SPEC_FILES[name]), 'utf8')) as Json;
  const formats = new Set<string>();
  const doc = toJsonSchema(raw, formats) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  for (const f of formats) if (!ajv.formats[f]) ajv.addFormat(f, true);
  ajv.addSchema({ $id: `${name}.json`, components: doc.components }, `${name}.json`);
  const l = { doc, ajv, cache: new Map<string, ValidateFunction>() };
  loaded.set(name, l);
  return l;
}

function resolveRef(doc: Json, ref: string): Json {
  let cur: unknown = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) cur = (cur as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return cur as Json;
}

/** The JSON Schema of a response body, with `$ref`s pointing into the loaded spec. */
export function responseSchema(name: SpecName, pathTemplate: string, method: string, status: number): Json {
  const { doc } = load(name);
  const op = (doc.paths as Json)[pathTemplate] as Json | undefined;
  if (!op) throw new Error(`${name} spec has no path ${pathTemplate}`);
  const operation = op[method.toLowerCase()] as Json | undefined;
  if (!operation) throw new Error(`${name} spec has no ${method.toUpperCase()} ${pathTemplate}`);
  let response = (operation.responses as Json)[String(status)] as Json | undefined;
  if (!response) throw new Error(`${name} spec has no ${status} response for ${method.toUpperCase()} ${pathTemplate}`);
  if (typeof response.$ref === 'string') response = resolveRef(doc, response.$ref);
  const content = response.content as Json | undefined;
  const schema = (content?.['application/json'] as Json | undefined)?.schema as Json | undefined;
  if (!schema) throw new Error(`${method.toUpperCase()} ${pathTemplate} ${status} has no JSON body in the spec`);
  return rewriteRefs(schema, `${name}.json`) as Json;
}

function rewriteRefs(node: unknown, id: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, id));
  if (!isObj(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${id}${v}` : rewriteRefs(v, id);
  return out;
}

/** A named relaxation: drop `required` entries of a component schema the real API does not always send. */
export interface Relaxation {
  schema: string;
  optional: string[];
  why: string;
}

/** Validates `body` as the response of `method pathTemplate` with `status`; returns readable errors ([] when valid). */
export function validateResponse(
  name: SpecName,
  pathTemplate: string,
  method: string,
  status: number,
  body: unknown,
  relax: readonly Relaxation[] = [],
): string[] {
  const l = load(name);
  const key = `${pathTemplate} ${method} ${status} ${relax.map((r) => r.schema + r.optional.join()).join('|')}`;
  let validate = l.cache.get(key);
  if (!validate) {
    if (relax.length) {
      const components = structuredClone(l.doc.components) as Json;
      for (const r of relax) {
        const s = (components.schemas as Json)[r.schema] as Json | undefined;
        if (!s) throw new Error(`no schema ${r.schema} to relax`);
        if (Array.isArray(s.required)) s.required = s.required.filter((f) => !r.optional.includes(f as string));
      }
      const relaxedId = `${name}-relaxed-${l.cache.size}.json`;
      l.ajv.addSchema({ $id: relaxedId, components }, relaxedId);
      validate = l.ajv.compile(rewriteRefs(JSON.parse(JSON.stringify(responseSchema(name, pathTemplate, method, status)).split(`${name}.json#`).join('#')), relaxedId) as Json);
    } else {
      validate = l.ajv.compile(responseSchema(name, pathTemplate, method, status));
    }
    l.cache.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'missingProperty' in e.params ? ` (${String(e.params.missingProperty)})` : ''}`);
}
