import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';

/** What a person reads on the console for one JSON log line: warnings and errors in words, the rest nothing. */
export function consoleLineFor(line: string): string | null {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  const level = record.level;
  if (level !== 'warn' && level !== 'error') return null;
  const where = typeof record.fn === 'string' ? ` ${record.fn}` : '';
  const error = record.error as { message?: unknown } | undefined;
  const because = [record.code, record.message ?? error?.message].filter((x) => typeof x === 'string' && x).join(': ');
  return `${level === 'error' ? 'ERROR' : 'warning'}${where}: ${String(record.msg)}${because ? ` (${because})` : ''}`;
}

export interface LogRouter {
  file: string;
  close(): Promise<void>;
}

/**
 * `npm start`'s console: the functions of this process log JSON lines to stdout (as deployed); here they go
 * to `file`, and the console keeps the human summary plus every warning and error in words.
 */
export function routeJsonLogs(file: string, say: (line: string) => void): LogRouter {
  mkdirSync(path.dirname(file), { recursive: true });
  const out: WriteStream = createWriteStream(file, { flags: 'a' });
  const original = process.stdout.write.bind(process.stdout);
  let pending = '';
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    const passThrough: string[] = [];
    for (const line of lines) {
      if (line.startsWith('{"level":')) {
        out.write(`${line}\n`);
        const human = consoleLineFor(line);
        if (human) say(human);
      } else passThrough.push(line);
    }
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (passThrough.length) return original(`${passThrough.join('\n')}\n`, callback);
    callback?.();
    return true;
  };
  process.stdout.write = write as typeof process.stdout.write;
  return {
    file,
    close: () =>
      new Promise<void>((resolve) => {
        process.stdout.write = original;
        out.end(() => resolve());
      }),
  };
}
