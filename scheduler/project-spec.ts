import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { readPropsFile, substituteLikeDeployer } from './deploy-rules/substitute.ts';
import { validatePackage, type Obj, isObj } from './deploy-rules/validate.ts';

export type { FunctionSpec, TriggerSpec, ProjectSpec } from './deploy-rules/spec-types.ts';
import type { FunctionSpec, ProjectSpec } from './deploy-rules/spec-types.ts';

export interface ParsedProject {
  spec: ProjectSpec;
  /** What the deployer (or doctl) would refuse, each with the fix. */
  problems: string[];
  /** Names the deployer could not resolve (it then refuses the deploy, after the problems above). */
  unresolved: string[];
}

export interface ParseOptions {
  /** Folder of project.yml, for `${<file}` (default: the working directory). */
  projectDir?: string;
  /** The env file's properties, as the deployer reads `.env` (default: none). */
  envFile?: Record<string, string>;
}

/** Functions meant to be called over HTTP; every other function is a worker and must be `web: false`. */
export const WEB_FUNCTIONS = /^(reporting\/[a-z-]+|trading\/control)$/;
const TOP_KEYS = new Set(['packages', 'parameters', 'environment', 'targetNamespace']);
const INVALID = 'Invalid project configuration file (project.yml)';

/** Substitutes into `text` then parses it: every `${...}` the deployer sees, comments included. */
function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{([^}]*)\}|\$\(([^)]*)\)/g)].flatMap((m) => (m[1] ?? m[2] ?? '').trim().replace(/^\|/, '').split(/\s+/)))].sort();
}

/**
 * Reads project.yml as DigitalOcean's deployer does: `${VAR}` substituted into the RAW text first
 * (comments included, values pasted unquoted), then YAML, then the deployer's and doctl's validation
 * and this project's own rules. `env` plays the deployer's process environment.
 */
export function parseProjectSpec(text: string, env: Record<string, string | undefined> = {}, options: ParseOptions = {}): ParsedProject {
  const empty: ProjectSpec = { environment: {}, functions: [], variables: variablesOf(text) };
  let substituted;
  try {
    substituted = substituteLikeDeployer(text, { processEnv: env, envFile: options.envFile ?? {}, projectDir: options.projectDir ?? process.cwd() });
  } catch (e) {
    return { spec: empty, problems: [`${INVALID}: ${(e as Error).message}`], unresolved: [] };
  }
  const { content, unresolved } = substituted;
  const changed = substituted.pasted.filter((p) => !survivesUnquoted(p.text)).map((p) => p.name);
  if (content.includes('\t')) return { spec: empty, problems: [`${INVALID}: YAML configuration may not contain tabs`], unresolved };
  const docu = parseDocument(content, { schema: 'core', strict: true, uniqueKeys: true, prettyErrors: false });
  let doc: unknown;
  const yamlIssues: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }[] = [...docu.errors, ...docu.warnings];
  try {
    doc = docu.toJS();
  } catch (e) {
    yamlIssues.push({ message: (e as Error).message });
  }
  if (yamlIssues.length > 0) {
    const first = yamlIssues[0]!;
    const line = first.linePos?.[0];
    return {
      spec: empty,
      problems: [
        `${INVALID}: ${first.message.split('\n')[0]}${line ? ` (line ${line.line} after substitution)` : ''}. ` +
          'A substituted value is pasted into the YAML unquoted: a value with ": ", a trailing ":", " #", or a leading *, &, !, @, `, |, >, %, [, {, " or \' breaks or changes it',
      ],
      unresolved,
    };
  }
  if (!isObj(doc)) return { spec: empty, problems: [`${INVALID}: configuration is empty or unparseable`], unresolved };
  const problems: string[] = [...new Set(changed)].map(
    (name) => `\${${name}}: its value would not arrive as written (pasted unquoted into the YAML it reads as something else: a number, boolean, null, anchor, tag or a cut comment) — fix: leave it out of project.yml; settings travel in .env through CATALYST_SETTINGS`,
  );
  const placeholders = unresolved.map((n) => `<${n}>`);
  for (const k of Object.keys(doc)) if (doc[k] && !TOP_KEYS.has(k)) problems.push(`Invalid key '${k}' found in project.yml`);
  const topEnv = stringEnvironment(doc.environment, 'the top-level environment', problems, placeholders);
  const functions: FunctionSpec[] = [];
  if (!Array.isArray(doc.packages)) problems.push('packages member must be an array');
  for (const p of (Array.isArray(doc.packages) ? doc.packages : []) as unknown[]) {
    const pkg = validatePackage(p, problems);
    if (!pkg) continue;
    const pkgEnv = stringEnvironment(pkg.raw.environment, `package ${pkg.name}`, problems, placeholders);
    for (const f of pkg.functions) {
      if (!WEB_FUNCTIONS.test(f.id) && f.web !== false) problems.push(`${f.id}: a worker must be 'web: false' (the default, true, would give it a public URL)`);
      if (f.web !== false && !f.webCustomOptions) {
        problems.push(`${f.id}: a web function needs the annotation 'web-custom-options: true' (else the platform adds 'Access-Control-Allow-Origin: *' to every response and the dashboard's origin arrives twice)`);
      }
      functions.push({ ...f, environment: { ...topEnv, ...pkgEnv, ...stringEnvironment(f.rawEnvironment, f.id, problems, placeholders) } });
    }
  }
  const scheduled = functions.reduce((n, f) => n + f.triggers.length, 0);
  if (scheduled > 3) problems.push(`${scheduled} scheduled triggers: a namespace allows at most 3`);
  return { spec: { environment: topEnv, functions, variables: empty.variables }, problems, unresolved };
}

/** Whether a value pasted as a plain YAML scalar reads back as the same string. */
function survivesUnquoted(text: string): boolean {
  const d = parseDocument(`k: ${text}`, { schema: 'core', strict: true });
  try {
    return d.errors.length === 0 && d.warnings.length === 0 && (d.toJS() as { k?: unknown } | null)?.k === text;
  } catch {
    return false;
  }
}

/** Environment values must be strings: the deployer refuses others in packages and functions, and the runtime would turn `false` or `0` into "". */
function stringEnvironment(raw: unknown, where: string, problems: string[], placeholders: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === undefined || raw === null) return out;
  if (!isObj(raw)) {
    problems.push(`${where}: the environment clause must be a dictionary`);
    return out;
  }
  for (const [k, v] of Object.entries(raw as Obj)) {
    if (typeof v === 'string') {
      // An unresolved name stays out: the deploy would fail, and `<NAME>` is no value.
      if (!placeholders.some((ph) => v.includes(ph))) out[k] = v;
    } else problems.push(`All environment values must be strings but '${k}' has type '${v === null ? 'null' : typeof v}' (${where}) — quote it in project.yml or carry it in CATALYST_SETTINGS`);
  }
  return out;
}

/** Reads and validates project.yml (its `.env` for `${<.env}`); throws listing every problem. Unresolved names are not problems here: see deploy-check.ts. */
export function loadProjectSpec(file: string, env: Record<string, string | undefined> = process.env): ProjectSpec {
  const dir = path.dirname(file);
  const { spec, problems } = parseProjectSpec(readFileSync(file, 'utf8'), env, { projectDir: dir, envFile: readPropsFile(path.join(dir, '.env')) });
  if (problems.length) throw new Error(`project.yml has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return spec;
}
