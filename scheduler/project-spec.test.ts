import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProjectSpec } from './project-spec.ts';

const root = new URL('../', import.meta.url);
const projectYml = readFileSync(new URL('project.yml', root), 'utf8');

describe('project.yml against the deployer rules', () => {
  const { spec, problems, unresolved } = parseProjectSpec(projectYml, {}, { projectDir: '/nonexistent' });

  it('has_no_problems', () => {
    expect(problems).toEqual([]);
  });

  it('refers_to_no_variable_but_the_whole_env_file', () => {
    expect(spec.variables).toEqual(['<.env']);
    expect(unresolved).toEqual(['<.env']);
  });

  it('gives_every_function_a_bundled_entry_that_ships_alone', () => {
    expect(spec.functions).toHaveLength(26);
    for (const f of spec.functions) {
      const include = readFileSync(new URL(`packages/${f.package}/${f.name}/.include`, root), 'utf8').trim();
      expect(include, `${f.id}/.include`).toBe('index.js');
      expect(() => readFileSync(new URL(`packages/${f.package}/${f.name}/handler.ts`, root))).not.toThrow();
    }
  });

  it('annotates_every_web_function_with_web_custom_options', () => {
    const web = spec.functions.filter((f) => f.web !== false);
    expect(web.map((f) => f.id)).toContain('reporting/health');
    expect(web.filter((f) => !f.webCustomOptions)).toEqual([]);
  });
});

describe('parseProjectSpec refuses what the deployer or doctl refuses', () => {
  const base = (fn: string, extraTop = '', pkgExtra = '') => `${extraTop}packages:\n  - name: news\n${pkgExtra}    functions:\n${fn}`;
  const worker = (extra = '') => `      - name: collect\n        runtime: nodejs:22\n        web: false\n${extra}`;

  it('flags_unknown_keys_and_bad_limits', () => {
    const { problems } = parseProjectSpec(
      base('      - name: collect\n        runtime: nodejs:22\n        web: false\n        colour: red\n        limits:\n          timeout: 1000000\n          memory: 2048\n          concurrency: 5\n', 'bogus: 1\n'),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "Invalid key 'bogus' found in project.yml",
        "Invalid key 'colour' found in 'functions' clause in project.yml (news/collect)",
        'news/collect: limits.timeout must be 100..900000 ms',
        'news/collect: limits.memory must be 128..1024 MB',
        "Invalid key 'concurrency' found in 'limits' clause in project.yml (news/collect; only timeout, memory, logs)",
      ]),
    );
  });

  it('refuses_tabs', () => {
    expect(parseProjectSpec(base(worker()) + '\t').problems).toEqual(['Invalid project configuration file (project.yml): YAML configuration may not contain tabs']);
  });

  it('requires_web_false_on_workers_and_a_modern_runtime', () => {
    const { problems } = parseProjectSpec(base('      - name: collect\n        runtime: nodejs:18\n'));
    expect(problems).toContain("news/collect: a worker must be 'web: false' (the default, true, would give it a public URL)");
    expect(problems).toContain("news/collect: runtime must be nodejs:22 or newer (found 'nodejs:18')");
  });

  it('allows_at_most_three_scheduled_triggers', () => {
    const trig = (n: number) =>
      `      - name: f${n}\n        runtime: nodejs:22\n        web: false\n        triggers:\n          - name: t${n}\n            type: scheduled\n            scheduledDetails:\n              cron: "* * * * *"\n`;
    expect(parseProjectSpec(base([1, 2, 3, 4].map(trig).join(''))).problems).toContain('4 scheduled triggers: a namespace allows at most 3');
  });

  it('refuses_provide_api_key_on_a_function_with_the_fix', () => {
    const { problems } = parseProjectSpec(base(worker('        annotations:\n          provide-api-key: true\n')));
    expect(problems).toEqual([
      "project.yml contains forbidden fields: annotation 'provide-api-key' on function news/collect — remove it: the platform does not give functions an API key; set FUNCTIONS_API_HOST and FUNCTIONS_API_KEY (doctl serverless key create) instead",
    ]);
  });

  it('refuses_provide_api_key_and_require_whisk_auth_on_a_package', () => {
    const { problems } = parseProjectSpec(base(worker(), '', '    annotations:\n      provide-api-key: true\n      require-whisk-auth: abc\n'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^project.yml contains forbidden fields: annotation 'provide-api-key' on package news/);
    expect(problems[1]).toMatch(/^project.yml contains forbidden fields: annotation 'require-whisk-auth' on package news — remove it: use the function's 'webSecure/);
  });

  it('refuses_require_whisk_auth_on_a_function_as_deployer_and_doctl_do', () => {
    const { problems } = parseProjectSpec(base(worker('        annotations:\n          require-whisk-auth: abc\n')));
    expect(problems).toContain("the 'require-whisk-auth' annotation may not be set explicitly; use 'webSecure' (news/collect)");
    expect(problems.some((p) => p.startsWith("project.yml contains forbidden fields: annotation 'require-whisk-auth' on function news/collect"))).toBe(true);
  });

  it('refuses_a_shared_package', () => {
    expect(parseProjectSpec(base(worker(), '', '    shared: true\n')).problems).toEqual([
      "project.yml contains forbidden fields: 'shared: true' on package news — remove it (a shared package is public to every namespace)",
    ]);
  });

  it('refuses_websecure_true', () => {
    const { problems } = parseProjectSpec(base(worker('        webSecure: true\n')));
    expect(problems).toEqual(["'webSecure' member of a function must be a boolean false or a string (news/collect) — write the secret itself, e.g. webSecure: ${MY_SECRET}"]);
  });

  it('requires_web_custom_options_on_web_functions', () => {
    const web = `packages:\n  - name: reporting\n    functions:\n      - name: health\n        runtime: nodejs:22\n        web: true\n`;
    expect(parseProjectSpec(web).problems[0]).toMatch(/^reporting\/health: a web function needs the annotation 'web-custom-options: true'/);
    expect(parseProjectSpec(web + '        annotations:\n          web-custom-options: "true"\n').problems[0]).toMatch(/must be the boolean true/);
  });

  it('keeps_unresolved_names_out_of_the_environment', () => {
    const { spec, unresolved } = parseProjectSpec(`environment:\n  A: \${A}\n  B: \${MISSING}\n` + base(worker()), { A: 'one' });
    expect(spec.environment).toEqual({ A: 'one' });
    expect(unresolved).toEqual(['MISSING']);
  });
});
