// Price-target changes read from a headline ("raises Apple price target to $200 from $180", "PT lowered to
// $80", "PT $200 from $180") and how much each says: the price-target half of analyst-action.ts.

const PT = String.raw`(?:price target|price objective|target price|pt|target|price tgt|tgt)`;
/** Price-target words that cannot be an everyday "target" (the retailer, a goal) when they come first. */
const PT_NAMED = String.raw`(?:price target|price objective|target price|pt|price tgt)`;
const MONEY = String.raw`(?:US)?\$?\s?(\d[\d,]*(?:\.\d+)?)`;
const PT_UP = String.raw`raise[sd]?|lift(?:s|ed)?|boost(?:s|ed)?|ups|upped|increase[sd]?|bump(?:s|ed)?|hike[sd]?|rais(?:ing)`;
const PT_DOWN = String.raw`lower(?:s|ed|ing)?|cut(?:s|ting)?|trim(?:s|med)?|reduce[sd]?|slash(?:es|ed)?|decrease[sd]?|chop(?:s|ped)?`;
// "raises Apple price target to $200 from $180", "PT raised to $200", "price target cut to $80 from $105", "PT $200 from $180".
const PT_RE = new RegExp(
  [
    String.raw`\b(?<v1>${PT_UP}|${PT_DOWN})\b[^,;.]{0,40}?\b${PT}\b(?:[^,;$\d]{0,12}?\bto\s?${MONEY})?(?:\s?from\s?${MONEY})?`,
    String.raw`\b${PT_NAMED}\b\s?(?:is |was )?(?<v2>raised|lifted|boosted|increased|upped|bumped|lowered|cut|trimmed|reduced|slashed|decreased)\b(?:[^,;$\d]{0,12}?\bto\s?${MONEY})?(?:\s?from\s?${MONEY})?`,
    String.raw`\b${PT}\b(?: of| to| at)?\s?${MONEY}(?:\s?(?:from|vs\.?)\s?${MONEY})?`,
    String.raw`\$(\d[\d,]*(?:\.\d+)?)\s(?:price target|pt|target)\b`,
  ].join('|'),
  'gi',
);
const UP_WORD_RE = new RegExp(`^(?:${PT_UP}|raised|lifted|boosted|increased|upped|bumped)$`, 'i');

function num(s: string | undefined): number | null {
  if (s === undefined) return null;
  const n = Number(s.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** Score of a price-target change: its sign, stronger for a larger change (0.5 at 0 %, 1 from 25 %). */
export function targetScore(from: number | null, to: number | null, up: boolean | null): number {
  if (up === null && (from === null || to === null || from === to)) return 0;
  const sign = up !== null ? (up ? 1 : -1) : to! > from! ? 1 : -1;
  const change = from && to ? Math.min(Math.abs(to - from) / from, 0.25) / 0.25 : 0.4;
  return sign * (0.5 + 0.5 * change);
}

/** A price-target change as written: its span, the targets from and to, and its direction when a verb says it. */
export interface Target {
  start: number;
  end: number;
  from: number | null;
  to: number | null;
  up: boolean | null;
  /** Where the price-target words start ("price target", "PT") and whether a verb came before them. */
  ptStart: number;
  verbFirst: boolean;
}

const PT_WORD_RE = new RegExp(`\\b${PT}\\b`, 'i');

/** Every price-target change in a text, in order. */
export function findTargets(text: string): Target[] {
  const targets: Target[] = [];
  PT_RE.lastIndex = 0;
  for (let m = PT_RE.exec(text); m !== null; m = PT_RE.exec(text)) {
    const verb = m.groups!.v1 ?? m.groups!.v2;
    // Groups: 2,3 (verb first), 5,6 (target first), 7,8 (bare "PT $X from $Y").
    const to = num(m[2] ?? m[5] ?? m[7] ?? m[9]);
    const from = num(m[3] ?? m[6] ?? m[8]);
    if (verb === undefined && to === null) continue;
    const ptAt = PT_WORD_RE.exec(m[0]);
    targets.push({
      start: m.index, end: m.index + m[0].length, from, to, up: verb === undefined ? null : UP_WORD_RE.test(verb),
      ptStart: m.index + (ptAt?.index ?? 0), verbFirst: m.groups!.v1 !== undefined,
    });
  }
  return targets;
}
