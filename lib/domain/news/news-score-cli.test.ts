// End to end: spawns scripts/news-score.ts as `npm run news:score` would (node --import tsx). The three
// runs start together in beforeAll, since each spends most of its time starting tsx.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'news-score-'));

interface Run {
  code: number | null;
  lines: string[];
  stderr: string;
}

function run(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/news-score.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: stdout.split('\n').filter(Boolean), stderr }));
    child.stdin.end(input ?? '');
  });
}

let fromStdin: Run;
let jsonLines: Run;
let fromFile: Run;
let missing: Run;

beforeAll(async () => {
  const file = path.join(tmp, 'headlines.txt');
  const assets = path.join(tmp, 'assets.tsv');
  writeFileSync(assets, 'Symbol\tCompany\nMSFT\tMicrosoft Corporation\nATVI\tActivision Blizzard, Inc.\nF\tFord Motor Company\nGM\tGeneral Motors Company\n');
  writeFileSync(file, 'Allergan upgraded to buy from neutral at UBS\n');
  [fromStdin, jsonLines, fromFile, missing] = await Promise.all([
    run([], 'Nike cuts guidance; shares tumble\n\n   \nAcme prices $50M public offering\r\nNice weather today\n'),
    run(['--assets', assets], [
      '{"text":"Microsoft to acquire Activision Blizzard at a 45% premium","symbols":["MSFT"],"time":"2026-01-18T12:00:00Z","source":"alpaca"}',
      '{"text":""}',
      '{not json',
      'Jefferies downgrades Ford to Hold, upgrades General Motors to Buy',
    ].join('\n')),
    run(['--file', file]),
    run(['--file', path.join(tmp, 'nope.txt')]),
  ]);
}, 30_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('news-score CLI', () => {
  it('scores_stdin_one_json_object_per_line_skipping_empty_lines', () => {
    expect(fromStdin.code).toBe(0);
    const out = fromStdin.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ text: 'Nike cuts guidance; shares tumble', label: 'negative', catalyst: 'guidance' });
    expect(out[1]).toMatchObject({ text: 'Acme prices $50M public offering', catalyst: 'offering-dilution' });
    expect(out[2]).toMatchObject({ text: 'Nice weather today', kind: 'news', catalyst: null, entities: [], companies: [] });
    for (const o of out) expect(Object.keys(o)).toEqual(['text', 'kind', 'label', 'score', 'catalyst', 'blocksLong', 'entities', 'companies', 'analystActions', 'deciding']);
  });

  it('reads_json_lines_and_prints_roles_directions_and_analyst_actions', () => {
    expect(jsonLines.code).toBe(1);
    const [deal, calls] = jsonLines.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(deal).toMatchObject({ time: '2026-01-18T12:00:00Z', source: 'alpaca', catalyst: 'merger-acquisition' });
    expect(deal!.companies).toEqual(expect.arrayContaining([
      expect.objectContaining({ symbol: 'ATVI', role: 'target', direction: 'positive', deciding: ['to acquire', '45% premium'] }),
      expect.objectContaining({ symbol: 'MSFT', role: 'acquirer' }),
    ]));
    expect(deal!.entities).toEqual(expect.arrayContaining([{ symbol: 'MSFT', confidence: 1, evidence: ['source:MSFT', 'name:Microsoft'] }]));
    expect(calls!.analystActions).toEqual([
      expect.objectContaining({ action: 'downgrade', firm: 'Jefferies', subject: 'Ford', ratingTo: 'hold' }),
      expect.objectContaining({ action: 'upgrade', subject: 'General Motors', ratingTo: 'buy' }),
    ]);
    expect(calls!.companies).toEqual(expect.arrayContaining([
      expect.objectContaining({ symbol: 'F', direction: 'negative' }),
      expect.objectContaining({ symbol: 'GM', direction: 'positive' }),
    ]));
    // Bad lines are named on stderr with their number and field; the good ones are still scored.
    expect(jsonLines.stderr).toContain('line 2: text: expected a non-empty string');
    expect(jsonLines.stderr).toContain('line 3: not valid JSON');
  });

  it('reads_a_file_given_with_file', () => {
    expect(fromFile.code).toBe(0);
    expect(fromFile.lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      expect.objectContaining({ text: 'Allergan upgraded to buy from neutral at UBS', label: 'positive', catalyst: 'analyst-rating' }),
    ]);
  });

  it('fails_clearly_for_a_missing_file', () => {
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.txt: no such file');
    expect(missing.lines).toEqual([]);
  });
});
