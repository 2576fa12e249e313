// Display formats. The trading day is New York's, so times are shown in New York time.

const NY = 'America/New_York';
const usdFmt = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const timeFmt = new Intl.DateTimeFormat('en-US', { timeZone: NY, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateTimeFmt = new Intl.DateTimeFormat('en-US', { timeZone: NY, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

const dash = '—';

export function usd(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? dash : usdFmt.format(x);
}

export function signedUsd(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? dash : `${x > 0 ? '+' : ''}${usdFmt.format(x)}`;
}

/** A price: up to 4 decimals below $1, 2 above. */
export function price(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return dash;
  return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: Math.abs(x) < 1 ? 4 : 2 });
}

/** A fraction as a percent (0.012 → "1.20 %"). */
export function pct(x: number | null | undefined, signed = false, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return dash;
  return `${signed && x > 0 ? '+' : ''}${(x * 100).toFixed(digits)} %`;
}

export function num(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? dash : x.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function r(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? dash : `${x > 0 ? '+' : ''}${x.toFixed(2)}R`;
}

export function time(t: number | null | undefined): string {
  return t === null || t === undefined ? dash : timeFmt.format(t);
}

export function dateTime(t: number | null | undefined): string {
  return t === null || t === undefined ? dash : `${dateTimeFmt.format(t)} ET`;
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return dash;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.round(ms / 60_000);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** `stop_loss` → "stop loss". */
export function words(code: string | null | undefined): string {
  return code ? code.replace(/[_-]+/g, ' ') : dash;
}

export function tone(x: number | null | undefined): 'good' | 'bad' | 'muted' {
  return x === null || x === undefined || x === 0 ? 'muted' : x > 0 ? 'good' : 'bad';
}

/** A value of unknown shape from a JSON column, compactly. */
export function value(v: unknown): string {
  if (v === null || v === undefined) return dash;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : num(v, 4);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
