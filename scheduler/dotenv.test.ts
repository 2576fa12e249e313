import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDotenv } from './dotenv.ts';

describe('loadDotenv', () => {
  it('reads_dotenv_syntax_and_never_overrides_the_environment', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dotenv-')), '.env');
    writeFileSync(file, ['# comment', 'export A=1', 'B="two\\nlines"', 'C=value # trailing comment', "D='kept # inside'", 'E=', 'SET=from-file'].join('\n'));
    const env: Record<string, string | undefined> = { SET: 'from-env' };
    const applied = loadDotenv(file, env);
    expect(env).toEqual({ A: '1', B: 'two\nlines', C: 'value', D: 'kept # inside', E: '', SET: 'from-env' });
    expect(applied.sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('loads_nothing_when_the_file_is_missing', () => {
    const env = {};
    expect(loadDotenv('/nonexistent/.env', env)).toEqual([]);
    expect(env).toEqual({});
  });
});
