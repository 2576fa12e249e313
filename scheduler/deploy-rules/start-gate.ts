import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkDeploy } from './deploy-check.ts';

/**
 * `npm start` runs project.yml and `.env` through DigitalOcean's deployer rules first and refuses to
 * start on anything a deploy would refuse or change, so a setup that works locally deploys as it is.
 * The one exception: with no `.env` at all (the zero-configuration simulation) it only says so.
 */
export function refuseWhatTheDeployerRefuses(root: string, shellEnv: Record<string, string | undefined>, say: (line: string) => void): void {
  const check = checkDeploy({ root, shellEnv });
  for (const w of check.warnings) say(`Note: ${w}`);
  if (check.problems.length === 0) return;
  if (!existsSync(path.join(root, '.env'))) {
    say('No .env: fine for the simulation, but `doctl serverless deploy` would refuse (cp .env.example .env before deploying).');
    return;
  }
  process.stderr.write(
    `\nA deploy with DigitalOcean's deployer would fail, or differ from npm start (npm start applies the deployer's rules):\n${check.problems.map((p) => `  - ${p}`).join('\n')}\n\n`,
  );
  process.exit(1);
}
