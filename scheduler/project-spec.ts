import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One function of project.yml, as the deployer and the local runtime see it. */
export interface FunctionSpec {
  package: string;
  name: string;
  /** `<package>/<function>` */
  id: string;
  runtime: string;
  main: string;
  web: boolean | 'raw';
  /** The secret callers must send in `X-Require-Whisk-Auth`, or false. */
  webSecure: string | false;
  limits: { timeout: number; memory: number };
  environment: Record<string, string>;
  triggers: TriggerSpec[];
}

export interface TriggerSpec {
  name: string;
  cron: string;
  body: Record<string, unknown>;
  enabled: boolean;
}

export interface ProjectSpec {
  environment: Record<string, string>;
  functions: FunctionSpec[];
  /** Every `${VAR}` the file refers to. */
  variables: string[];
}

const TOP_KEYS = new Set(['packages', 'parameters', 'environment', 'targetNamespace']);
const PACKAGE_KEYS = new Set(['name', 'functions', 'actions', 'shared', 'web', 'environment', 'parameters', 'annotations', 'binding']);
const FUNCTION_KEYS = new Set([
  'name', 'runtime', 'main', 'binary', 'web', 'webSecure', 'sequence', 'parameters', 'environment',
  'annotations', 'limits', 'triggers', 'localBuild', 'remoteBuild', 'docker',
]);
const LIMIT_KEYS = new Set(['timeout', 'memory', 'logs']);
const FORBIDDEN_ANNOTATIONS = new Set(['require-whisk-auth', 'web-export', 'raw-http']);
/** Functions meant to be called over HTTP; every other function is a worker and must be `web: false`. */
export const WEB_FUNCTIONS = /^(reporting\/[a-z-]+|trading\/control)$/;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MEMORY_MB = 256;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function substitute(value: string, env: Record<string, string | undefined>): string | undefined {
  let unresolved = false;
  const out = value.replace(/\$\{\|?([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const v = env[name];
    if (v === undefined) unresolved = true;
    return v ?? '';
  });
  return unresolved ? undefined : out;
}

function stringEnv(raw: unknown, where: string, problems: string[], env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === undefined) return out;
  if (!isObj(raw)) {
    problems.push(`${where}.environment must be a map of strings`);
    return out;
  }
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') {
      problems.push(`${where}.environment.${k} must be a string (the deployer passes strings only)`);
      continue;
    }
    const s = substitute(v, env);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/**
 * Parses project.yml and checks it against the deployer's rules (known keys only, no tabs, `web: false`
 * on workers, at most 3 scheduled triggers, limits in range) and this project's (runtime nodejs:22+).
 * `env` fills `${VAR}` values; unresolved ones are left out of `environment`.
 */
export function parseProjectSpec(text: string, env: Record<string, string | undefined> = {}): { spec: ProjectSpec; problems: string[] } {
  const problems: string[] = [];
  if (text.includes('\t')) problems.push('YAML configuration may not contain tabs');
  const doc: unknown = parse(text);
  if (!isObj(doc)) return { spec: { environment: {}, functions: [], variables: [] }, problems: ['project.yml is not a map'] };
  for (const k of Object.keys(doc)) if (!TOP_KEYS.has(k) && doc[k]) problems.push(`Invalid key '${k}' found in project.yml`);
  const uncommented = text.split('\n').map((l) => l.replace(/(^|\s)#.*$/, '')).join('\n');
  const variables = [...new Set([...uncommented.matchAll(/\$\{\|?([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!))].sort();
  const topEnv = stringEnv(doc.environment, 'project', problems, env);
  const functions: FunctionSpec[] = [];
  let scheduled = 0;
  const packages = Array.isArray(doc.packages) ? doc.packages : [];
  if (!Array.isArray(doc.packages)) problems.push('packages must be a list');
  for (const p of packages) {
    if (!isObj(p) || typeof p.name !== 'string') {
      problems.push('every package needs a name');
      continue;
    }
    for (const k of Object.keys(p)) if (!PACKAGE_KEYS.has(k)) problems.push(`Invalid key '${k}' in package ${p.name}`);
    const pkgEnv = stringEnv(p.environment, `package ${p.name}`, problems, env);
    const fns = (p.functions ?? p.actions ?? []) as unknown[];
    for (const f of fns) {
      if (!isObj(f) || typeof f.name !== 'string') {
        problems.push(`package ${p.name}: every function needs a name`);
        continue;
      }
      const id = `${p.name}/${f.name}`;
      for (const k of Object.keys(f)) if (!FUNCTION_KEYS.has(k)) problems.push(`Invalid key '${k}' in function ${id}`);
      const runtime = String(f.runtime ?? '');
      const rm = /^nodejs:(\d+)$/.exec(runtime);
      if (!rm || Number(rm[1]) < 22) problems.push(`${id}: runtime must be nodejs:22 or newer (found '${runtime || 'none'}')`);
      const web = (f.web ?? p.web ?? true) as unknown;
      if (web !== true && web !== false && web !== 'raw') problems.push(`${id}: web must be true, false or "raw"`);
      if (!WEB_FUNCTIONS.test(id) && web !== false) problems.push(`${id}: a worker must be 'web: false' (the default, true, would give it a public URL)`);
      const ws = f.webSecure ?? false;
      if (ws !== false && typeof ws !== 'string') problems.push(`${id}: webSecure must be false or a secret string`);
      const limits = isObj(f.limits) ? f.limits : {};
      for (const k of Object.keys(limits)) if (!LIMIT_KEYS.has(k)) problems.push(`${id}: unknown limit '${k}' (only timeout, memory, logs)`);
      const timeout = limits.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(limits.timeout);
      const memory = limits.memory === undefined ? DEFAULT_MEMORY_MB : Number(limits.memory);
      if (!(timeout >= 100 && timeout <= 900_000)) problems.push(`${id}: limits.timeout must be 100..900000 ms`);
      if (!(memory >= 128 && memory <= 1024)) problems.push(`${id}: limits.memory must be 128..1024 MB`);
      if (isObj(f.annotations)) {
        for (const k of Object.keys(f.annotations)) if (FORBIDDEN_ANNOTATIONS.has(k)) problems.push(`${id}: annotation '${k}' may not be set`);
      }
      const triggers: TriggerSpec[] = [];
      for (const t of (Array.isArray(f.triggers) ? f.triggers : []) as unknown[]) {
        if (!isObj(t) || typeof t.name !== 'string') {
          problems.push(`${id}: every trigger needs a name`);
          continue;
        }
        const details = (isObj(t.scheduledDetails) ? t.scheduledDetails : isObj(t.sourceDetails) ? t.sourceDetails : {}) as Obj;
        const isScheduled = t.type === 'scheduled' || t.sourceType === 'scheduler';
        if (!isScheduled) problems.push(`${id}: trigger ${t.name} must be 'type: scheduled'`);
        if (typeof details.cron !== 'string' || details.cron.trim().split(/\s+/).length !== 5) {
          problems.push(`${id}: trigger ${t.name} needs a 5-field scheduledDetails.cron`);
        }
        const enabled = t.enabled !== false;
        if (isScheduled) scheduled++;
        triggers.push({
          name: t.name,
          cron: String(details.cron ?? ''),
          body: (isObj(details.body) ? details.body : isObj(details.withBody) ? details.withBody : {}) as Record<string, unknown>,
          enabled,
        });
      }
      functions.push({
        package: p.name,
        name: f.name,
        id,
        runtime,
        main: typeof f.main === 'string' ? f.main : 'main',
        web: web as boolean | 'raw',
        webSecure: typeof ws === 'string' ? (substitute(ws, env) ?? ws) : false,
        limits: { timeout, memory },
        environment: { ...topEnv, ...pkgEnv, ...stringEnv(f.environment, id, problems, env) },
        triggers,
      });
    }
  }
  if (scheduled > 3) problems.push(`${scheduled} scheduled triggers: a namespace allows at most 3`);
  return { spec: { environment: topEnv, functions, variables }, problems };
}

/** Reads and validates project.yml; throws listing every problem. */
export function loadProjectSpec(file: string, env: Record<string, string | undefined> = process.env): ProjectSpec {
  const { spec, problems } = parseProjectSpec(readFileSync(file, 'utf8'), env);
  if (problems.length) throw new Error(`project.yml has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return spec;
}
