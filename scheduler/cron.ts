/**
 * Five-field cron (minute hour day-of-month month day-of-week), evaluated in UTC as DigitalOcean's
 * scheduled triggers are. Supports `*`, lists, ranges and steps; no seconds, no aliases (as the platform).
 */
export interface CronSchedule {
  source: string;
  matches(t: Date): boolean;
  /** The first matching minute strictly after `after` (epoch ms). */
  next(after: number): number;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

function parseField(text: string, min: number, max: number, name: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`cron ${name}: cannot read "${part}"`);
    const step = m[4] ? Number(m[4]) : 1;
    const lo = m[1] === '*' ? min : Number(m[2]);
    const hi = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] ? max : lo;
    if (lo < min || hi > max || lo > hi || step < 1) throw new Error(`cron ${name}: "${part}" is outside ${min}-${max}`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Parses a five-field cron expression; throws with the field that is wrong. */
export function parseCron(source: string): CronSchedule {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${source}" must have 5 fields (minute hour day month weekday), found ${parts.length}`);
  const [mi, ho, dom, mo, dow] = parts.map((p, i) => parseField(p, FIELDS[i]!.min, FIELDS[i]!.max, FIELDS[i]!.name)) as [
    Set<number>, Set<number>, Set<number>, Set<number>, Set<number>,
  ];
  if (dow.has(7)) dow.add(0);
  const domAny = parts[2] === '*';
  const dowAny = parts[4] === '*';
  const matches = (t: Date) => {
    if (!mi.has(t.getUTCMinutes()) || !ho.has(t.getUTCHours()) || !mo.has(t.getUTCMonth() + 1)) return false;
    const d = dom.has(t.getUTCDate());
    const w = dow.has(t.getUTCDay());
    // Classic cron: when both day fields are restricted, either may match.
    return domAny || dowAny ? d && w : d || w;
  };
  return {
    source,
    matches,
    next(after: number) {
      let t = Math.floor(after / 60_000) * 60_000 + 60_000;
      for (let i = 0; i < 366 * 24 * 60; i++, t += 60_000) if (matches(new Date(t))) return t;
      throw new Error(`cron "${source}" never fires`);
    },
  };
}
