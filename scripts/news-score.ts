// `npm run news:score`: analyses news, one item per line (stdin, or --file F): plain text, or JSON lines
// {"text", "symbols"?, "time"?, "source"?, "summary"?}. Prints one JSON object per item: kind (news, price
// recap, calendar), label and score, catalyst, entities with evidence, per-company role, direction,
// strength and deciding phrases, and structured analyst actions. `--assets F` links company names
// against a list of assets (TSV/CSV with Symbol and Company/Name columns, or a JSON array of
// {symbol, name}). Empty lines are skipped; a bad line is reported on stderr with its number and the
// run exits 1 at the end.
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { readFileSync } from 'node:fs';
import type { Asset } from '../lib/domain/market.ts';
import { scoreLine } from '../lib/domain/news/score-line.ts';
import { buildTickerIndex, type TickerIndex } from '../lib/domain/news/ticker-link.ts';

const USAGE = 'usage: news-score [--file F] [--assets A]   (reads stdin when no file is given; one item per line: text or {"text", "symbols", "time", "source"})';

const Args = z.object({
  file: z.optional(z.string().check(z.minLength(1, 'needs a file path'))),
  assets: z.optional(z.string().check(z.minLength(1, 'needs a file path'))),
  help: z.optional(z.boolean()),
});

function fail(message: string): never {
  process.stderr.write(`news-score: ${message}\n`);
  process.exit(2);
}

function parseCli(argv: string[]): z.infer<typeof Args> {
  let values: unknown;
  try {
    ({ values } = parseArgs({ args: argv, options: { file: { type: 'string', short: 'f' }, assets: { type: 'string', short: 'a' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const parsed = Args.safeParse(values);
  if (!parsed.success) fail(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`);
  return parsed.data;
}

/** Opens the input: the named file (checked first, so a bad path is one clear message) or stdin. */
function openInput(file: string | undefined): NodeJS.ReadableStream {
  if (file === undefined) return process.stdin;
  try {
    if (!statSync(file).isFile()) fail(`--file ${file}: not a regular file`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`--file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
  return createReadStream(file, { encoding: 'utf8' });
}

/** The asset list to link names against: a JSON array of {symbol, name}, or TSV/CSV with Symbol and Company/Name columns. */
function loadAssets(file: string): TickerIndex {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`--assets ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const base = { exchange: '', assetClass: 'us_equity' as const, status: 'active' as const, tradable: true, shortable: true, easyToBorrow: true, fractionable: true, marginable: true, minTradeIncrement: 1, priceIncrement: 0.01, minOrderSize: 1 };
  let pairs: { symbol: string; name: string }[];
  if (text.trimStart().startsWith('[')) {
    const parsed = z.array(z.object({ symbol: z.string().check(z.minLength(1)), name: z.string() })).safeParse(JSON.parse(text));
    if (!parsed.success) fail(`--assets ${file}: expected a JSON array of {"symbol", "name"} (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
    pairs = parsed.data;
  } else {
    const [head = '', ...rows] = text.split(/\r?\n/).filter((l) => l.trim());
    const sep = head.includes('\t') ? '\t' : ',';
    const cols = head.split(sep).map((c) => c.trim().toLowerCase());
    const si = cols.indexOf('symbol');
    const ni = cols.findIndex((c) => c === 'company' || c === 'name');
    if (si < 0 || ni < 0) fail(`--assets ${file}: expected a header with Symbol and Company (or Name) columns, got "${head}"`);
    pairs = rows.map((r) => r.split(sep)).map((c) => ({ symbol: (c[si] ?? '').trim().replace(/^\$/, ''), name: (c[ni] ?? '').trim() })).filter((p) => p.symbol);
  }
  return buildTickerIndex(pairs.map((p): Asset => ({ ...base, symbol: p.symbol, name: p.name })));
}

const args = parseCli(process.argv.slice(2));
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
// A closed pipe (`news:score < in.txt | head`) is the reader being done, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
});
const index = args.assets !== undefined ? loadAssets(args.assets) : undefined;
const lines = createInterface({ input: openInput(args.file), crlfDelay: Infinity });
let lineNo = 0;
let bad = 0;
for await (const line of lines) {
  lineNo += 1;
  const r = scoreLine(line, index);
  if (r === null) continue;
  if (!r.ok) {
    bad += 1;
    process.stderr.write(`news-score: line ${lineNo}: ${r.reason}\n`);
    continue;
  }
  process.stdout.write(`${JSON.stringify(r.value)}\n`);
}
if (bad > 0) process.exitCode = 1;
