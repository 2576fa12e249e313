import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDeploy } from './deploy-check.ts';
import { parseDotenvLikeDeployer } from './dotenv-v16.ts';
import { decodeDeployedSettings } from '../../lib/config/deployed-settings.ts';
import { loadConfig } from '../../lib/config/load-config.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
const PEM = '-----BEGIN CERTIFICATE-----\nMIIEQTCCAqmgAwIBAgIUdGVzdC1jYS1mb3ItY2F0YWx5c3Q=\nZm9vL2JhcitxdXg9\n-----END CERTIFICATE-----';
/** The keys README "Deploying to DigitalOcean" says to fill in for paper trading; everything else as shipped. */
const PAPER: Record<string, string> = {
  TRADING_MODE: 'paper',
  DATABASE_URL: 'postgresql://doadmin:p4ss@db-postgresql-fra1-1.b.db.ondigitalocean.com:25061/catalyst-pool?sslmode=require',
  DATABASE_CA_CERT: `"${PEM}"`,
  UPSTASH_REDIS_REST_URL: 'https://eu1-able-cat-12345.upstash.io',
  UPSTASH_REDIS_REST_TOKEN: 'AYQgASQgZjE2ZWY5/Tk+ZTAtNDA0Yi1iMDEy==',
  APCA_API_KEY_ID: 'PKTEST1234567890ABCD',
  APCA_API_SECRET_KEY: 'abcdEFGH/ijkl+MNOP=qrstUVWXyz0123456789ab',
  DASHBOARD_PASSWORD_HASH: 'scrypt$16384$8$1$c2FsdHNhbHQ=$aGFzaC9oYXNoK2hhc2g9PQ==',
  AUTH_TOKEN_SECRET: 'q8/Zx+T3mW0=pL9vN2k4R7sY1uB6cE5hJ3gF0dA8iO+/=',
  DASHBOARD_ORIGIN: 'https://catalyst-abcd.ondigitalocean.app',
  FUNCTIONS_API_HOST: 'https://faas-fra1-afe1234.doserverless.co',
  FUNCTIONS_API_KEY: 'dof_v1_0a1b2c3d4e5f:Zm9vYmFyYmF6cXV4c2VjcmV0',
};

function fill(text: string, values: Record<string, string>): string {
  let out = text;
  for (const [k, v] of Object.entries(values)) {
    const re = new RegExp(`^${k}=.*$`, 'm');
    expect(re.test(out), `.env.example has a ${k}= line`).toBe(true);
    out = out.replace(re, () => `${k}=${v}`);
  }
  return out;
}

let dir: string | undefined;
function project(envText: string | null): string {
  dir = mkdtempSync(path.join(tmpdir(), 'catalyst-deploy-'));
  copyFileSync(path.join(ROOT, 'project.yml'), path.join(dir, 'project.yml'));
  if (envText !== null) writeFileSync(path.join(dir, '.env'), envText);
  return dir;
}
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the shipped project.yml and .env.example through the deployer rules', () => {
  it('accepts_env_example_copied_as_is', () => {
    const check = checkDeploy({ root: project(example), shellEnv: {} });
    expect(check.problems).toEqual([]);
    expect(check.settings).toEqual(parseDotenvLikeDeployer(example));
  });

  it('delivers_every_paper_setting_byte_identical_to_every_function', () => {
    const envText = fill(example, PAPER);
    const check = checkDeploy({ root: project(envText), shellEnv: {} });
    expect(check.problems).toEqual([]);
    const expected = parseDotenvLikeDeployer(envText);
    expect(expected.REDIS_KEY_PREFIX).toBe('catalyst:');
    expect(expected.DATABASE_CA_CERT).toBe(PEM);
    expect(check.spec.functions).toHaveLength(26);
    for (const f of check.spec.functions) {
      expect(Object.keys(f.environment), f.id).toEqual(['CATALYST_SETTINGS']);
      expect(decodeDeployedSettings(f.environment.CATALYST_SETTINGS), f.id).toEqual(expected);
    }
    const env = loadConfig({ CATALYST_SETTINGS: check.spec.environment.CATALYST_SETTINGS });
    expect(env.TRADING_MODE).toBe('paper');
    expect(env.REDIS_KEY_PREFIX).toBe('catalyst:');
    expect(env.AUTH_TOKEN_SECRET).toBe(PAPER.AUTH_TOKEN_SECRET);
    expect(env.UPSTASH_REDIS_REST_TOKEN).toBe(PAPER.UPSTASH_REDIS_REST_TOKEN);
    expect(env.FUNCTIONS_API_KEY).toBe(PAPER.FUNCTIONS_API_KEY);
  });

  it('delivers_a_pem_written_with_backslash_n_in_double_quotes_as_real_newlines', () => {
    const check = checkDeploy({ root: project(fill(example, { DATABASE_CA_CERT: `"${PEM.replace(/\n/g, '\\n')}"` })), shellEnv: {} });
    expect(check.problems).toEqual([]);
    expect(check.settings?.DATABASE_CA_CERT).toBe(PEM);
  });
});

describe('the deploy check refuses with the deployers message and the fix', () => {
  it('refuses_without_env_file', () => {
    expect(checkDeploy({ root: project(null), shellEnv: {} }).problems).toEqual([
      "The following substitutions could not be resolved: '<.env' — fix: create .env first: cp .env.example .env, then fill in the keys README \"Deploying to DigitalOcean\" lists",
    ]);
  });

  it('refuses_a_value_npm_start_reads_differently_from_the_deployer_without_printing_it', () => {
    const check = checkDeploy({ root: project(fill(example, { NEWSAPI_QUERY: '"earnings \\"beat\\""' })), shellEnv: {} });
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatch(/^\.env NEWSAPI_QUERY: npm start reads it differently from DigitalOcean's deployer \(first difference at character \d+/);
    expect(check.problems[0]).not.toContain('earnings');
  });

  it('refuses_a_line_only_the_deployer_reads', () => {
    const check = checkDeploy({ root: project(`${example}\nNEWS_TAG: earnings\n`), shellEnv: {} });
    expect(check.problems).toEqual(['.env NEWS_TAG: npm start does not read this line but DigitalOcean\'s deployer does — fix: write it as NEWS_TAG="value"']);
  });

  it('warns_when_the_shell_overrides_a_setting_a_deploy_takes_from_env', () => {
    const check = checkDeploy({ root: project(example), shellEnv: { LOG_LEVEL: 'debug' } });
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual(["LOG_LEVEL is set in your shell: npm start uses the shell's value, a deploy sends .env's (the deployer reads settings from .env only)"]);
  });
});
