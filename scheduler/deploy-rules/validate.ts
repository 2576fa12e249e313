import type { FunctionSpec, TriggerSpec } from './spec-types.ts';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const PACKAGE_KEYS = new Set(['name', 'functions', 'actions', 'shared', 'web', 'environment', 'parameters', 'annotations', 'binding']);
const FUNCTION_KEYS = new Set([
  'name', 'file', 'runtime', 'main', 'binary', 'web', 'webSecure', 'sequence', 'parameters', 'environment',
  'annotations', 'limits', 'triggers', 'localBuild', 'remoteBuild', 'docker',
]);
const LIMIT_KEYS = new Set(['timeout', 'memory', 'logs']);
/** The deployer's `screenForbiddenAnnotations`: set through other keys. */
const DEPLOYER_ANNOTATIONS: Record<string, string> = { 'require-whisk-auth': 'webSecure', 'web-export': 'web=true|false|"raw"', 'raw-http': 'web=raw' };
/** doctl's `ListForbiddenConfigs` (do/serverless.go): on packages and functions. */
const DOCTL_FORBIDDEN_ANNOTATIONS: Record<string, string> = {
  'provide-api-key': 'remove it: the platform does not give functions an API key; set FUNCTIONS_API_HOST and FUNCTIONS_API_KEY (doctl serverless key create) instead',
  'require-whisk-auth': "remove it: use the function's 'webSecure: <secret>' instead",
};
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MEMORY_MB = 256;

export interface ValidatedFunction extends Omit<FunctionSpec, 'environment'> {
  rawEnvironment: unknown;
}

function forbiddenByDoctl(annotations: unknown, where: string, problems: string[]): void {
  if (!isObj(annotations)) return;
  for (const [k, fix] of Object.entries(DOCTL_FORBIDDEN_ANNOTATIONS)) {
    if (k in annotations) problems.push(`project.yml contains forbidden fields: annotation '${k}' on ${where} — ${fix}`);
  }
}

/** A package checked against the deployer's `validatePackageSpec` and doctl's forbidden fields; null when unusable. */
export function validatePackage(p: unknown, problems: string[]): { name: string; raw: Obj; functions: ValidatedFunction[] } | null {
  if (!isObj(p) || typeof p.name !== 'string') {
    problems.push("'name' member of a 'package' must be a string");
    return null;
  }
  for (const k of Object.keys(p)) if (p[k] && !PACKAGE_KEYS.has(k)) problems.push(`Invalid key '${k}' found in 'package' in project.yml (package ${p.name})`);
  if (p.shared !== undefined && typeof p.shared !== 'boolean') problems.push(`'shared' member of a 'package' must be a boolean (package ${p.name})`);
  if (p.shared === true) problems.push(`project.yml contains forbidden fields: 'shared: true' on package ${p.name} — remove it (a shared package is public to every namespace)`);
  if (p.annotations !== undefined && !isObj(p.annotations)) problems.push(`annotations must be a dictionary (package ${p.name})`);
  forbiddenByDoctl(p.annotations, `package ${p.name}`, problems);
  const fns = (p.functions ?? p.actions ?? []) as unknown;
  if (!Array.isArray(fns)) {
    problems.push(`functions member of a 'package' must be an array (package ${p.name})`);
    return { name: p.name, raw: p, functions: [] };
  }
  const functions: ValidatedFunction[] = [];
  for (const f of fns as unknown[]) {
    const v = validateFunction(p as Obj & { name: string }, f, problems);
    if (v) functions.push(v);
  }
  return { name: p.name, raw: p, functions };
}

function validateFunction(p: Obj & { name: string }, f: unknown, problems: string[]): ValidatedFunction | null {
  if (!isObj(f) || typeof f.name !== 'string') {
    problems.push(`'name' member of a function must be a string (package ${p.name})`);
    return null;
  }
  const id = `${p.name}/${f.name}`;
  for (const k of Object.keys(f)) if (f[k] && !FUNCTION_KEYS.has(k)) problems.push(`Invalid key '${k}' found in 'functions' clause in project.yml (${id})`);
  const runtime = String(f.runtime ?? '');
  const rm = /^nodejs:(\d+)$/.exec(runtime);
  if (!rm || Number(rm[1]) < 22) problems.push(`${id}: runtime must be nodejs:22 or newer (found '${runtime || 'none'}')`);
  const web = (f.web ?? p.web ?? true) as unknown;
  if (web !== true && web !== false && web !== 'raw') problems.push(`web member of a function must be a boolean or the string 'raw' (${id})`);
  const ws = f.webSecure ?? false;
  if (ws !== false && typeof ws !== 'string') problems.push(`'webSecure' member of a function must be a boolean false or a string (${id}) — write the secret itself, e.g. webSecure: \${MY_SECRET}`);
  const limits = isObj(f.limits) ? f.limits : {};
  for (const [k, v] of Object.entries(limits)) {
    if (!LIMIT_KEYS.has(k)) problems.push(`Invalid key '${k}' found in 'limits' clause in project.yml (${id}; only timeout, memory, logs)`);
    else if (typeof v !== 'number') problems.push(`'${k}' member of a 'limits' clause must be a number (${id})`);
  }
  const timeout = limits.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(limits.timeout);
  const memory = limits.memory === undefined ? DEFAULT_MEMORY_MB : Number(limits.memory);
  if (!(timeout >= 100 && timeout <= 900_000)) problems.push(`${id}: limits.timeout must be 100..900000 ms`);
  if (!(memory >= 128 && memory <= 1024)) problems.push(`${id}: limits.memory must be 128..1024 MB`);
  if (f.annotations !== undefined && !isObj(f.annotations)) problems.push(`annotations must be a dictionary (${id})`);
  const annotations = isObj(f.annotations) ? f.annotations : {};
  for (const [k, use] of Object.entries(DEPLOYER_ANNOTATIONS)) {
    if (k in annotations) problems.push(`the '${k}' annotation may not be set explicitly; use '${use}' (${id})`);
  }
  forbiddenByDoctl(annotations, `function ${id}`, problems);
  const wco = annotations['web-custom-options'];
  if (wco !== undefined && typeof wco !== 'boolean') problems.push(`${id}: annotation 'web-custom-options' must be the boolean true (OpenWhisk reads it as a boolean; "${String(wco)}" is ignored)`);
  return {
    package: p.name,
    name: f.name,
    id,
    runtime,
    main: typeof f.main === 'string' ? f.main : 'main',
    web: web as boolean | 'raw',
    webSecure: typeof ws === 'string' ? ws : false,
    webCustomOptions: wco === true,
    limits: { timeout, memory },
    rawEnvironment: f.environment,
    triggers: validateTriggers(id, f.triggers, problems),
  };
}

function validateTriggers(id: string, raw: unknown, problems: string[]): TriggerSpec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push(`a 'triggers' clause must be an array (${id})`);
    return [];
  }
  const out: TriggerSpec[] = [];
  for (const t of raw as unknown[]) {
    if (!isObj(t) || typeof t.name !== 'string') {
      problems.push(`the 'name' field of a trigger is required (${id})`);
      continue;
    }
    const legacy = t.sourceType !== undefined || t.sourceDetails !== undefined;
    const type = legacy ? (t.sourceType === 'scheduler' ? 'SCHEDULED' : t.sourceType) : typeof t.type === 'string' ? t.type.toUpperCase() : t.type;
    const details = (legacy ? { cron: (t.sourceDetails as Obj | undefined)?.cron, body: (t.sourceDetails as Obj | undefined)?.withBody } : t.scheduledDetails) as unknown;
    for (const k of Object.keys(t)) {
      if (!['name', 'enabled', 'type', 'scheduledDetails', ...(legacy ? ['sourceType', 'sourceDetails'] : [])].includes(k)) problems.push(`Invalid key '${k}' found in 'triggers' clause in project.yml (${id})`);
    }
    if (type !== 'SCHEDULED') problems.push(`the trigger 'type' field must be 'SCHEDULED' (${id}, trigger ${t.name})`);
    const d = isObj(details) ? details : {};
    if (typeof d.cron !== 'string' || d.cron.trim().split(/\s+/).length !== 5) problems.push(`${id}: trigger ${t.name} needs a 5-field scheduledDetails.cron`);
    if (d.body !== undefined && d.body !== null && !isObj(d.body)) problems.push(`the 'body' member of scheduledDetails must be a dictionary (${id}, trigger ${t.name})`);
    if (t.enabled !== undefined && typeof t.enabled !== 'boolean') problems.push(`the 'enabled' property of a trigger must be boolean (${id}, trigger ${t.name})`);
    out.push({ name: t.name, cron: String(d.cron ?? ''), body: (isObj(d.body) ? d.body : {}) as Record<string, unknown>, enabled: t.enabled !== false });
  }
  return out;
}
