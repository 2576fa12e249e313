import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDotenvLikeDeployer } from './dotenv-v16.ts';

export interface SubstitutionSources {
  /** The deployer's own process environment (the shell that runs doctl): wins over `.env`. */
  processEnv: Record<string, string | undefined>;
  /** The env file's properties (`.env` in the project, or `--env <file>`). */
  envFile: Record<string, string>;
  /** The project folder, for `${<file>}`. */
  projectDir: string;
}

export interface Substituted {
  /** project.yml's text after substitution; an unresolved name is left as `<NAME>`, as the deployer does. */
  content: string;
  /** Every name that could not be resolved, in order of appearance (repeats kept, as the deployer lists them). */
  unresolved: string[];
  /** Each plain `${NAME}` that resolved, with the text pasted for it. */
  pasted: { name: string; text: string }[];
}

/** Properties of a file as the deployer reads one: JSON if it parses, else dotenv; `{}` when absent. */
export function readPropsFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && !Array.isArray(json)) return json as Record<string, string>;
  } catch {
    // not JSON: a properties file
  }
  return parseDotenvLikeDeployer(text);
}

function nextSymbol(input: string): { index: number; terminator: '}' | ')' | '' } {
  const brace = input.indexOf('${');
  const paren = input.indexOf('$(');
  if (brace >= 0 && (paren < 0 || brace < paren)) return { index: brace, terminator: '}' };
  if (paren >= 0) return { index: paren, terminator: ')' };
  return { index: -1, terminator: '' };
}

/**
 * The substitution DigitalOcean's deployer applies to the RAW text of project.yml before parsing it as
 * YAML (functions-deployer `substituteFromEnvAndFiles`), comments included:
 * - `${NAME}` = processEnv[NAME] || envFile[NAME]: an empty value is unresolved; the value is pasted
 *   unquoted, with each newline written as the two characters `\n` (`${|NAME}` pastes real newlines);
 * - `$(A B)` (or `${A B}`, deprecated) = the JSON object `{"A": ..., "B": ...}`;
 * - `${<path}` = the JSON object of a properties file (JSON or dotenv) relative to the project; a missing
 *   or empty file is unresolved.
 * A `${` or `$(` without its closing character fails the whole file.
 */
export function substituteLikeDeployer(text: string, sources: SubstitutionSources): Substituted {
  const lookup = (name: string): string | undefined => sources.processEnv[name] || sources.envFile[name] || undefined;
  const unresolved: string[] = [];
  const pasted: Substituted['pasted'] = [];
  let input = text;
  let result = '';
  for (let sym = nextSymbol(input); sym.index >= 0; sym = nextSymbol(input)) {
    const before = input.slice(0, sym.index);
    const after = input.slice(sym.index + 2);
    const end = after.indexOf(sym.terminator);
    if (end < 0) throw new Error('Runaway variable name or path directive in project.yml');
    let name = after.slice(0, end).trim();
    let escape = true;
    let plain = false;
    let value: string | undefined;
    if (sym.terminator === ')' || /\s/.test(name)) {
      const dict: Record<string, string> = {};
      for (const token of name.split(/\s+/)) {
        const v = lookup(token);
        if (v === undefined) unresolved.push(token);
        dict[token] = v ?? `<${token}>`;
      }
      value = JSON.stringify(dict);
    } else if (name.startsWith('<')) {
      const props = readPropsFile(path.join(sources.projectDir, name.slice(1).trim()));
      const json = JSON.stringify(props);
      value = json === '{}' ? undefined : json;
    } else {
      if (name.startsWith('|')) {
        name = name.slice(1).trim();
        escape = false;
      }
      value = lookup(name);
      plain = true;
    }
    if (!value) {
      unresolved.push(name);
      value = `<${name}>`;
    } else if (escape) {
      value = value.split('\n').join('\\n');
    }
    if (plain && lookup(name)) pasted.push({ name, text: value });
    result += before + value;
    input = after.slice(end + 1);
  }
  return { content: result + input, unresolved, pasted };
}

/** The deployer's message for unresolved names. */
export function unresolvedMessage(names: readonly string[]): string {
  return `The following substitutions could not be resolved: '${names.join("', '")}'`;
}
