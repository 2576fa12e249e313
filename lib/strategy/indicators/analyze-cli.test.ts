import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSharedDataCsv } from './fixtures/shared-data-bars.ts';
import { computeIndicators, indicatorsAt } from './indicator-set.ts';
import { detectPatterns, patternLabelsByBar } from '../patterns/detect-patterns.ts';
import { sharedData, skipWithoutSharedData } from '../../../test/support/shared-data.ts';

// End to end: spawns scripts/analyze.ts (as `npm run analyze` does, through tsx) on real files.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const DATA = sharedData('bars');
const run = promisify(execFile);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'analyze-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function analyze(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/analyze.ts', '--bars', file], { cwd: ROOT, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

interface OutputLine {
  time: string;
  indicators: Record<string, number | null>;
  patterns: string[];
}

// The two runs are independent processes: let them overlap. Starting tsx dominates; allow for a busy machine.
describe.skipIf(skipWithoutSharedData('bars'))('npm run analyze', { concurrent: true, timeout: 60_000 }, () => {
  it('prints_one_json_object_per_bar_of_a_real_minute_file', async () => {
    const file = path.join(DATA, 'minute/AAPL_Minute.csv');
    const { code, stdout } = await analyze(file);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as OutputLine);
    const bars = parseSharedDataCsv(readFileSync(file, 'utf8'));
    expect(lines).toHaveLength(bars.length);
    expect(lines[0]!.time).toBe('2021-08-23T13:30:00.000Z');
    expect(Object.keys(lines[0]!.indicators)).toEqual(['sma20', 'ema10', 'ema20', 'rsi14', 'macd', 'macdSignal', 'macdHistogram', 'bbUpper', 'bbMiddle', 'bbLower', 'atr14', 'adx14', 'vwap', 'obv']);
    expect(lines[0]!.indicators.sma20).toBeNull();
    expect(lines[0]!.indicators.obv).toBe(bars[0]!.v);
    const expected = indicatorsAt(computeIndicators(bars), 500);
    for (const [name, value] of Object.entries(lines[500]!.indicators)) expect(value, name).toBeCloseTo(expected[name as keyof typeof expected]!, 9);
    const labels = patternLabelsByBar(detectPatterns(bars), bars.length);
    expect(lines.map((l) => l.patterns)).toEqual(labels);
    expect(labels.some((l) => l.length > 0)).toBe(true);
  });

  it('names_the_line_and_column_of_bad_input', async () => {
    // Date-only and epoch-second timestamps pass; the bad close on line 4 stops the run.
    const bad = path.join(tmp, 'bad.csv');
    writeFileSync(bad, 'Date,Open,High,Low,Close,Volume\n2021-08-20,1,2,0.5,1.5,100\n1629725400,1,2,0.5,1.5,100\n1629725460,1,2,0.5,oops,100\n');
    const result = await analyze(bad);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('line 4, column 5 (close): expected a number, got "oops"');
  });
});
