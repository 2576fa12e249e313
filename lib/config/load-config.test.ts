import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, modeBanner } from './load-config.ts';
import { allEnvKeys, LIVE_CONFIRMATION } from './env.schema.ts';
import { isAppError } from '../shared/errors.ts';

function problemsOf(env: Record<string, string>): { code: string; message: string } {
  try {
    loadConfig(env);
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected the configuration to be rejected');
}

const paper = {
  TRADING_MODE: 'paper',
  DATABASE_URL: 'postgres://u:p@db.example.com:25061/pool?sslmode=require',
  UPSTASH_REDIS_REST_URL: 'https://eu1-example.upstash.io',
  UPSTASH_REDIS_REST_TOKEN: 'tok_123456',
  APCA_API_KEY_ID: 'PKTEST',
  APCA_API_SECRET_KEY: 'secret-value-1234',
  DASHBOARD_PASSWORD_HASH: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
  AUTH_TOKEN_SECRET: 'a-very-long-random-secret-of-at-least-32-chars',
};

describe('loadConfig', () => {
  it('defaults_to_sim_with_nothing_set', () => {
    const env = loadConfig({});
    expect(env).toMatchObject({ LOG_LEVEL: 'info', SIM_SEED: 42, SIM_SYMBOLS: 150, SIM_NEWS_RATE: 20, LOCAL_PORT: 8080, DATABASE_POOL_MAX: 3 });
  });

  it('lists_every_missing_and_invalid_variable_in_one_message', () => {
    const { code, message } = problemsOf({ TRADING_MODE: 'paper', DATABASE_POOL_MAX: 'lots', LOG_LEVEL: 'loud' });
    expect(code).toBe('CONFIG_INVALID');
    expect(message.split('\n')[0]).toBe('Invalid configuration for TRADING_MODE=paper: 9 problems');
    for (const field of ['DATABASE_URL', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'APCA_API_KEY_ID', 'APCA_API_SECRET_KEY', 'DASHBOARD_PASSWORD_HASH', 'AUTH_TOKEN_SECRET']) {
      expect(message).toContain(`- ${field}: is required`);
    }
    expect(message).toContain('- DATABASE_POOL_MAX: expected number, got text that is not a number');
    expect(message).toContain('- LOG_LEVEL: expected one of "debug", "info", "warn", "error"');
  });

  it('names_the_allowed_modes_for_an_unknown_mode', () => {
    expect(problemsOf({ TRADING_MODE: 'yolo' }).message).toContain('- TRADING_MODE: expected one of sim, paper, live, backtest');
    expect(problemsOf({ TRADING_MODE: 'sk-live-pasted-secret' }).message).not.toContain('sk-live-pasted-secret');
  });

  it('accepts_a_complete_paper_configuration', () => {
    const env = loadConfig(paper);
    expect(env.TRADING_MODE).toBe('paper');
    if (env.TRADING_MODE === 'paper') expect(env.ALPACA_DATA_FEED).toBe('iex');
  });

  it('refuses_live_without_the_exact_confirmation', () => {
    const { code, message } = problemsOf({ ...paper, TRADING_MODE: 'live', LIVE_TRADING_CONFIRM: 'yes' });
    expect(code).toBe('LIVE_NOT_CONFIRMED');
    expect(message).toContain(`LIVE_TRADING_CONFIRM=${LIVE_CONFIRMATION}`);
    const live = loadConfig({ ...paper, TRADING_MODE: 'live', LIVE_TRADING_CONFIRM: LIVE_CONFIRMATION });
    expect(modeBanner(live)).toMatch(/LIVE TRADING.*REAL MONEY/);
  });

  it('applies_cross_field_rules_with_a_sentence', () => {
    const { message } = problemsOf({ UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:1234', DATABASE_CA_CERT: 'x' });
    expect(message).toContain('UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together');
    expect(message).toContain('(rule upstash_url_and_token_together)');
    expect(message).toContain('DATABASE_CA_CERT is only used with DATABASE_URL');
  });

  it('treats_empty_values_as_unset', () => {
    expect(loadConfig({ TRADING_MODE: '', DATABASE_URL: '', SIM_SEED: '' })).toMatchObject({ TRADING_MODE: 'sim', SIM_SEED: 42 });
  });

  it('never_echoes_a_value_in_the_message', () => {
    const { message } = problemsOf({ ...paper, DATABASE_URL: 'mysql://user:hunter2secret@host/db' });
    expect(message).not.toContain('hunter2secret');
    expect(message).toContain('- DATABASE_URL: expected a valid url');
  });
});

describe('.env.example', () => {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const documented = new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

  it('documents_every_variable_the_schema_reads_with_a_default', () => {
    const missing = allEnvKeys().filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
    for (const k of allEnvKeys()) {
      const block = text.slice(0, text.indexOf(`\n${k}=`));
      const comment = block.slice(block.lastIndexOf('\n\n'));
      expect(comment, `${k} needs a comment saying its default`).toMatch(/Default|default/);
    }
  });

  it('documents_nothing_the_schema_does_not_read', () => {
    const known = new Set(allEnvKeys());
    expect([...documented].filter((k) => !known.has(k!))).toEqual([]);
  });
});
