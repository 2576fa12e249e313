import path from 'node:path';
import { checkDeploy } from '../scheduler/deploy-rules/deploy-check.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { SETTINGS_VARIABLE } from '../lib/config/deployed-settings.ts';
import { isAppError } from '../lib/shared/errors.ts';

/**
 * `npm run deploy:check`: what `doctl serverless deploy .` would do with project.yml and .env (the same
 * substitution, YAML and validation), then the settings exactly as a deployed function would receive and
 * validate them. Prints no value. Exit 1 on any problem.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const check = checkDeploy({ root: ROOT, shellEnv: process.env });
for (const w of check.warnings) console.log(`note: ${w}`);
if (check.problems.length > 0 || !check.settings) {
  console.error(`A deploy with DigitalOcean's deployer would fail, or differ from npm start:\n${check.problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
try {
  // Exactly what a deployed function sees: CATALYST_SETTINGS and nothing else of this machine.
  const env = loadConfig({ [SETTINGS_VARIABLE]: check.spec.environment[SETTINGS_VARIABLE] });
  const missing = env.TRADING_MODE === 'sim' || env.TRADING_MODE === 'backtest' ? [`TRADING_MODE=${env.TRADING_MODE} runs on this machine only: set TRADING_MODE=paper`] : [];
  if (!('FUNCTIONS_API_KEY' in env) || !env.FUNCTIONS_API_KEY) missing.push('FUNCTIONS_API_KEY is empty: the coordinator could not invoke the workers (doctl serverless key create --name catalyst-tick --expiration never)');
  if (!env.DASHBOARD_ORIGIN) missing.push('DASHBOARD_ORIGIN is empty: the dashboard could not call the functions (its App Platform URL)');
  if (missing.length) {
    console.error(`The deploy would succeed but the functions could not work:\n${missing.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`OK: ${check.spec.functions.length} functions; ${Object.keys(check.settings).length} settings reach each one byte-identical; TRADING_MODE=${env.TRADING_MODE}.`);
  console.log('Next: npm run build && doctl serverless deploy .   (never --remote-build: it skips the trigger)');
} catch (e) {
  console.error(isAppError(e) ? e.message : String(e));
  process.exit(1);
}
