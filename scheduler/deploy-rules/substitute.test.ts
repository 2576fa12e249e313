import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDotenvLikeDeployer } from './dotenv-v16.ts';
import { substituteLikeDeployer, unresolvedMessage } from './substitute.ts';
import { parseProjectSpec } from '../project-spec.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'catalyst-subst-'));
const sub = (text: string, processEnv: Record<string, string | undefined> = {}, envFile: Record<string, string> = {}) =>
  substituteLikeDeployer(text, { processEnv, envFile, projectDir: dir });
const fn = '\npackages:\n  - name: news\n    functions:\n      - name: collect\n        runtime: nodejs:22\n        web: false\n';
const topEnv = (value: string) => parseProjectSpec(`environment:\n  A: \${A}\n${fn}`, { A: value });

describe('substitution as the deployer does it, on the raw text', () => {
  it('substitutes_inside_comments_too_so_a_documented_variable_is_unresolved', () => {
    const out = sub('# set ${DOCUMENTED} in .env\nenvironment: {}\n');
    expect(out.unresolved).toEqual(['DOCUMENTED']);
    expect(out.content).toContain('# set <DOCUMENTED> in .env');
  });

  it('counts_an_empty_value_as_unresolved_and_lets_the_environment_win_over_the_env_file', () => {
    expect(sub('${A} ${B} ${C}', { A: '', B: 'shell' }, { A: '', B: 'file', C: 'file' })).toMatchObject({ content: '<A> shell file', unresolved: ['A'] });
    expect(sub('${A}', { A: '' }, { A: 'file' }).content).toBe('file');
  });

  it('lists_every_unresolved_name_in_the_deployers_words', () => {
    expect(unresolvedMessage(sub('${X} ${Y}').unresolved)).toBe("The following substitutions could not be resolved: 'X', 'Y'");
  });

  it('escapes_newlines_unless_asked_not_to_and_builds_dictionaries', () => {
    expect(sub('${PEM}', { PEM: 'a\nb' }).content).toBe('a\\nb');
    expect(sub('${|PEM}', { PEM: 'a\nb' }).content).toBe('a\nb');
    expect(sub('$(A B)', { A: '1' }).content).toBe('{"A":"1","B":"<B>"}');
  });

  it('pastes_a_file_as_json_and_counts_a_missing_file_as_unresolved', () => {
    writeFileSync(path.join(dir, 'props.env'), 'K=v:1\nPEM="x\\ny"\n');
    expect(sub('${<props.env}').content).toBe('{"K":"v:1","PEM":"x\\ny"}');
    expect(sub('${<absent.env}').unresolved).toEqual(['<absent.env']);
  });

  it('fails_the_file_on_a_runaway_variable', () => {
    expect(() => sub('x: ${OPEN')).toThrow('Runaway variable name or path directive in project.yml');
  });
});

describe('values pasted unquoted break or change the YAML', () => {
  it('refuses_a_value_ending_with_a_colon_like_the_shipped_key_prefix', () => {
    expect(topEnv('catalyst:').problems[0]).toMatch(/^Invalid project configuration file \(project.yml\): .*pasted into the YAML unquoted/);
  });

  it.each(['*star', '&anchor x', '!tag x', '@at', '`tick', 'a: b'])('refuses_%s', (value) => {
    expect(topEnv(value).problems.join('\n')).toMatch(/Invalid project configuration file|would not arrive as written/);
  });

  it('cuts_a_value_at_space_hash_and_types_bare_booleans', () => {
    expect(topEnv('abc #def').spec.environment.A).toBe('abc');
    expect(topEnv('false').problems).toContain(
      "All environment values must be strings but 'A' has type 'boolean' (the top-level environment) — quote it in project.yml or carry it in CATALYST_SETTINGS",
    );
  });
});

describe('dotenv as the deployer reads it (dotenv 16.0.3)', () => {
  it('reads_quotes_multiline_values_and_cuts_unquoted_values_at_the_first_hash', () => {
    expect(parseDotenvLikeDeployer('A=abc#def\nB="x\\ny"\nC=\'x\\ny\'\nD="multi\nline"\nexport E= spaced \nF: colon\n')).toEqual({
      A: 'abc',
      B: 'x\ny',
      C: 'x\\ny',
      D: 'multi\nline',
      E: 'spaced',
      F: 'colon',
    });
  });
});
