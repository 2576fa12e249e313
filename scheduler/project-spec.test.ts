import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProjectSpec } from './project-spec.ts';

const root = new URL('../', import.meta.url);
const projectYml = readFileSync(new URL('project.yml', root), 'utf8');

describe('project.yml against the deployer rules', () => {
  const { spec, problems } = parseProjectSpec(projectYml, {});

  it('has_no_problems', () => {
    expect(problems).toEqual([]);
  });

  it('documents_every_substituted_variable_in_env_example', () => {
    const example = readFileSync(new URL('.env.example', root), 'utf8');
    const undocumented = spec.variables.filter((v) => !new RegExp(`^#?\\s*${v}=`, 'm').test(example));
    expect(undocumented).toEqual([]);
  });

  it('gives_every_function_a_bundled_entry_that_ships_alone', () => {
    for (const f of spec.functions) {
      const include = readFileSync(new URL(`packages/${f.package}/${f.name}/.include`, root), 'utf8').trim();
      expect(include, `${f.id}/.include`).toBe('index.js');
      expect(() => readFileSync(new URL(`packages/${f.package}/${f.name}/handler.ts`, root))).not.toThrow();
    }
  });

  it('serves_health_on_the_web_and_nothing_else_without_a_reason', () => {
    const health = spec.functions.find((f) => f.id === 'reporting/health');
    expect(health?.web).toBe(true);
  });
});

describe('parseProjectSpec catches what doctl would reject', () => {
  const base = (fn: string, extraTop = '') => `${extraTop}packages:\n  - name: news\n    functions:\n${fn}`;

  it('flags_unknown_keys_tabs_and_bad_limits', () => {
    const { problems } = parseProjectSpec(
      base('      - name: collect\n        runtime: nodejs:22\n        web: false\n        colour: red\n        limits:\n          timeout: 1000000\n          memory: 2048\n          concurrency: 5\n', 'bogus: 1\n') + '\t',
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'YAML configuration may not contain tabs',
        "Invalid key 'bogus' found in project.yml",
        "Invalid key 'colour' in function news/collect",
        'news/collect: limits.timeout must be 100..900000 ms',
        'news/collect: limits.memory must be 128..1024 MB',
        "news/collect: unknown limit 'concurrency' (only timeout, memory, logs)",
      ]),
    );
  });

  it('requires_web_false_on_workers_and_a_modern_runtime', () => {
    const { problems } = parseProjectSpec(base('      - name: collect\n        runtime: nodejs:18\n'));
    expect(problems).toContain("news/collect: a worker must be 'web: false' (the default, true, would give it a public URL)");
    expect(problems).toContain("news/collect: runtime must be nodejs:22 or newer (found 'nodejs:18')");
  });

  it('allows_at_most_three_scheduled_triggers', () => {
    const trig = (n: number) =>
      `      - name: f${n}\n        runtime: nodejs:22\n        web: false\n        triggers:\n          - name: t${n}\n            type: scheduled\n            scheduledDetails:\n              cron: "* * * * *"\n`;
    const { problems } = parseProjectSpec(base([1, 2, 3, 4].map(trig).join('')));
    expect(problems).toContain('4 scheduled triggers: a namespace allows at most 3');
  });

  it('substitutes_variables_and_keeps_environment_strings_only', () => {
    const { spec, problems } = parseProjectSpec(
      `environment:\n  A: \${A}\n  B: \${MISSING}\n  C: 3\n` + base('      - name: collect\n        runtime: nodejs:22\n        web: false\n'),
      { A: 'one' },
    );
    expect(problems).toContain('project.environment.C must be a string (the deployer passes strings only)');
    expect(spec.environment).toEqual({ A: 'one' });
    expect(spec.variables).toEqual(['A', 'MISSING']);
  });
});
