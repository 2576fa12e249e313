// `npm run news:score`: scores news text, one item per line (stdin, or --file F), and prints one JSON
// object per line: {"text", "label", "score", "catalyst"}. Empty lines are skipped.
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { analyseNews } from '../lib/domain/news/analyse-news.ts';

const USAGE = 'usage: news-score [--file F]   (reads stdin when no file is given; one text per line)';

const Args = z.object({
  file: z.optional(z.string().check(z.minLength(1, 'needs a file path'))),
  help: z.optional(z.boolean()),
});

function fail(message: string): never {
  process.stderr.write(`news-score: ${message}\n`);
  process.exit(2);
}

function parseCli(argv: string[]): z.infer<typeof Args> {
  let values: unknown;
  try {
    ({ values } = parseArgs({ args: argv, options: { file: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
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
const lines = createInterface({ input: openInput(args.file), crlfDelay: Infinity });
for await (const line of lines) {
  const text = line.trim();
  if (!text) continue;
  const { sentiment, catalyst } = analyseNews(text);
  process.stdout.write(`${JSON.stringify({ text, label: sentiment.label, score: sentiment.score, catalyst: catalyst.type })}\n`);
}
