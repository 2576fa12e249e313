/** The terminal a progress line goes to (process.stdout, or a test's stand-in). */
export interface LineStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

/**
 * One line redrawn in place on a terminal, at most every `everyMs`, clipped to its width (a wrapped line
 * could not be redrawn); nothing at all when the stream is not a TTY (piped output stays clean).
 */
export function terminalLine(stream: LineStream, now: () => number, everyMs = 250): { show(text: string): void; clear(): void } {
  let last = -Infinity;
  let shown = false;
  if (!stream.isTTY) return { show: () => undefined, clear: () => undefined };
  return {
    show(text) {
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      stream.write(`\r\x1b[2K${stream.columns ? text.slice(0, stream.columns - 1) : text}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
