import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/** Why a file cannot be read as text, or null: empty, UTF-16 (named as such), or binary. */
export async function textProblem(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    if (bytesRead === 0) return 'the file is empty';
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'the file is UTF-16 encoded: save it as UTF-8 and import again';
    if (head.includes(0)) return 'the file is binary (it contains NUL bytes), not CSV or JSON text';
    if (head.toString('utf8').trim() === '') return 'the file holds only blank space';
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * The lines of a UTF-8 file, streamed with the stream's own backpressure (the reader pauses while the
 * caller works on a line), with 1-based numbers; a UTF-8 byte-order mark and CR before LF are dropped.
 */
export async function* readLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  let rest = '';
  let line = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const raw = text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl);
      start = nl + 1;
      line++;
      yield { line, text: line === 1 ? raw.replace(/^\uFEFF/, '') : raw };
    }
    rest = text.slice(start);
  }
  if (rest !== '') {
    line++;
    yield { line, text: line === 1 ? rest.replace(/^\uFEFF/, '') : rest };
  }
}

/** Splits one CSV line (RFC 4180 quoting; a field may not span lines). Null when a quote is left open. */
export function splitCsvLine(text: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}
