import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { parseProjectSpec, type ProjectSpec } from '../project-spec.ts';
import { parseDotenvLikeDeployer } from './dotenv-v16.ts';
import { unresolvedMessage } from './substitute.ts';
import { SETTINGS_VARIABLE, decodeDeployedSettings } from '../../lib/config/deployed-settings.ts';

export interface DeployCheck {
  /** What would make `doctl serverless deploy` fail or change a setting, each with its fix. */
  problems: string[];
  /** Not fatal, but a deploy would differ from `npm start`. */
  warnings: string[];
  /** The settings every deployed function would receive (null when the deploy would fail). */
  settings: Record<string, string> | null;
  spec: ProjectSpec;
}

export interface DeployCheckOptions {
  root: string;
  /** The shell's environment as doctl would see it (before `.env` is loaded). */
  shellEnv: Record<string, string | undefined>;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Runs project.yml and `.env` through DigitalOcean's deployer rules (substitution, YAML, validation,
 * doctl's forbidden fields) and checks that every `.env` value reaches the functions byte-identical and
 * equal to what `npm start` reads. Values are never printed: they may be secrets.
 */
export function checkDeploy(options: DeployCheckOptions): DeployCheck {
  const envPath = path.join(options.root, '.env');
  const envText = existsSync(envPath) ? readFileSync(envPath, 'utf8') : null;
  const deployerEnv = envText === null ? {} : parseDotenvLikeDeployer(envText);
  const parsed = parseProjectSpec(readFileSync(path.join(options.root, 'project.yml'), 'utf8'), options.shellEnv, { projectDir: options.root, envFile: deployerEnv });
  const problems = [...parsed.problems];
  const warnings: string[] = [];
  if (parsed.unresolved.length > 0) {
    const fix = parsed.unresolved.includes('<.env')
      ? 'create .env first: cp .env.example .env, then fill in the keys README "Deploying to DigitalOcean" lists'
      : 'give each a non-empty value in .env or the environment (an empty value counts as unresolved)';
    problems.push(`${unresolvedMessage(parsed.unresolved)} — fix: ${fix}`);
  }
  let settings: Record<string, string> | null = null;
  if (problems.length === 0) {
    try {
      settings = decodeDeployedSettings(parsed.spec.environment[SETTINGS_VARIABLE]);
    } catch (e) {
      problems.push(`${(e as Error).message} — fix: keep project.yml's "${SETTINGS_VARIABLE}: |-" block as shipped`);
    }
  }
  if (settings && envText !== null) {
    const local = parseEnv(envText) as Record<string, string>;
    for (const [k, v] of Object.entries(deployerEnv)) {
      if (settings[k] !== v) problems.push(`.env ${k}: a deployed function would not receive it byte-identical — fix: keep project.yml's "${SETTINGS_VARIABLE}: |-" block as shipped`);
      else if (local[k] !== undefined && local[k] !== v) {
        problems.push(
          `.env ${k}: npm start reads it differently from DigitalOcean's deployer (first difference at character ${firstDifference(local[k]!, v) + 1}; the deployer uses dotenv 16: ` +
            'an unquoted value ends at the first #, only double quotes expand \\n) — fix: put the value in double quotes',
        );
      } else if (local[k] === undefined) {
        problems.push(`.env ${k}: npm start does not read this line but DigitalOcean's deployer does — fix: write it as ${k}="value"`);
      }
      const shell = options.shellEnv[k];
      if (shell !== undefined && shell !== '' && shell !== v) warnings.push(`${k} is set in your shell: npm start uses the shell's value, a deploy sends .env's (the deployer reads settings from .env only)`);
    }
  }
  return { problems, warnings, settings, spec: parsed.spec };
}
