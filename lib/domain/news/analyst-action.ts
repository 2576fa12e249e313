// Structured analyst actions read from a headline: "Morgan Stanley Downgrades Nvidia to Equal-Weight,
// Raises PT to $150", "Tesla upgraded to Buy from Hold at UBS", "Goldman Maintains Buy on Apple, Lowers
// Price Target to $180 from $200". The direction follows the action and the price-target change, never
// the rating word: a downgrade to Outperform is a downgrade.
import { findTargets, targetScore, type Target } from './analyst-price-target.ts';

export type AnalystActionKind = 'upgrade' | 'downgrade' | 'initiate' | 'reiterate' | 'price-target';

/** One analyst action, with the words it was read from (character offsets in the text). */
export interface AnalystAction {
  action: AnalystActionKind;
  /** The research firm, as written ("Morgan Stanley"), when the text names it. */
  firm: string | null;
  /** The company the action is about, as written, and where; null when the text does not say. */
  subject: { text: string; start: number; end: number } | null;
  ratingFrom: string | null;
  ratingTo: string | null;
  /** Price targets in the text's currency units. */
  targetFrom: number | null;
  targetTo: number | null;
  /** Signed strength in [-1, 1]: the action, then the price-target change. */
  score: number;
  phrase: string;
  start: number;
  end: number;
}

const POSITIVE_RATINGS = 'strong buy|conviction buy|buy|outperform|overweight|accumulate|add|positive|sector outperform|market outperform|top pick|moderate buy|speculative buy';
const NEUTRAL_RATINGS = 'hold|neutral|equal[- ]?weight|market perform|sector perform|peer perform|in[- ]line|market weight|sector weight|perform|mixed|sector neutral';
const NEGATIVE_RATINGS = 'strong sell|sell|underperform|underweight|reduce|negative|sector underperform|market underperform|moderate sell';
const RATING = `(?:${POSITIVE_RATINGS}|${NEUTRAL_RATINGS}|${NEGATIVE_RATINGS})`;
const POSITIVE_RE = new RegExp(`^(?:${POSITIVE_RATINGS})$`, 'i');
const NEGATIVE_RE = new RegExp(`^(?:${NEGATIVE_RATINGS})$`, 'i');

/** The class of a rating word: +1 buy-like, -1 sell-like, 0 hold-like. */
export function ratingClass(rating: string): -1 | 0 | 1 {
  return POSITIVE_RE.test(rating) ? 1 : NEGATIVE_RE.test(rating) ? -1 : 0;
}

// The action verbs. "cuts/lowers/raises to <rating>" is a rating change only when a rating follows.
const ACTION_RE = new RegExp(
  [
    String.raw`(?<up>\bupgrade[sd]?\b|\bupgrading\b|\braised(?= at [A-Z])|\b(?:raise[sd]?|lift(?:s|ed)?|bump(?:s|ed)?|ups|upped|boost(?:s|ed)?)(?= (?:[^,;.]{0,40} )?to (?:a |an )?${RATING}\b))`,
    String.raw`(?<down>\bdowngrade[sd]?\b|\bdowngrading\b|\b(?:cut|lowered)(?= at [A-Z])|\b(?:cut(?:s)?|lower(?:s|ed)?|reduce[sd]?|slash(?:es|ed)?)(?= (?:[^,;.]{0,40} )?to (?:a |an )?${RATING}\b))`,
    String.raw`(?<move>\b(?:move[sd]?|moving|turns?|switch(?:es|ed)?)(?= (?:[^,;.]{0,40} )?to (?:a |an )?${RATING}\b))`,
    String.raw`(?<init>\b(?:initiat(?:es|ed|ing|e)|starts?|started|resum(?:es|ed)|assum(?:es|ed)|reinstat(?:es|ed)|launch(?:es|ed)|begins?)(?: coverage\b| with\b| on\b|(?= at\b))|\bcoverage (?:initiated|started|resumed|assumed)\b)`,
    String.raw`(?<keep>\b(?:reiterat(?:es|ed|ing|e)|maintain(?:s|ed|ing)?|reaffirm(?:s|ed)?|affirm(?:s|ed)|keeps|kept|retain(?:s|ed)|remains? at|stays? at)\b(?= (?:[^,;.]{0,40} )?(?:${RATING}\b|rating|price target|pt\b|target)))`,
  ].join('|'),
  'gi',
);
const RATING_FROM_TO_RE = new RegExp(String.raw`\bfrom (?:a |an )?(${RATING})(?: rating)? to (?:a |an )?(${RATING})\b|\bto (?:a |an )?(${RATING})\b(?: from (?:a |an )?(${RATING})\b)?|\b(?:at|with|as) (?:a |an )?(${RATING})\b|\b(${RATING}) rating\b|\b(?:reiterat\w*|maintain\w*|reaffirm\w*|keeps|kept) (${RATING})\b`, 'i');
const LEAD_RE = /^(?:\s*\$[A-Za-z.]{1,8}[\s,]*)+(?:[-:–—]\s*)?/;
const FIRM_AT_RE = /\b(?:at|by|from)\s+([A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|&|and|of))*)/;

function canonicalRating(r: string | undefined): string | null {
  return r ? r.toLowerCase().replace(/-/g, ' ').replace(/\s+/g, ' ') : null;
}

interface Verb {
  kind: AnalystActionKind;
  start: number;
  end: number;
}

const LEADING_RATING_RE = new RegExp(`^\\s*(?:an? )?(${RATING})(?: rating)?\\b\\s*(?:on|for)?\\s*`, 'i');
const SUBJECT_RE = /^\s*(?:coverage\s+)?(?:(?:on|of|for)\b)?\s*(?!(?:to|from|at|with|as|by)\b)([A-Z0-9$][^,;]*?)(?=\s+(?:to|from|at|with|as|and|price|pt|target|rating|shares|stock|\(|,|;)\b|\s*$|[,;(])/i;
const PASSIVE_RE = /^(?:upgraded|downgraded|initiated|reiterated|maintained|started|resumed|raised|lowered|cut|lifted|reinstated|assumed|coverage)\b/i;
/** A downgrade of a country's debt or credit is macro news, not an analyst action. */
const CREDIT_BEFORE_RE = /(?:debt|credit|sovereign|bond|rating agency|moody'?s|fitch|s&p|u\.?s\.?|country|government)\W*$/i;
const FIRM_AT_ALL_RE = new RegExp(FIRM_AT_RE.source, 'g');

function findVerbs(text: string): Verb[] {
  const verbs: Verb[] = [];
  ACTION_RE.lastIndex = 0;
  for (let m = ACTION_RE.exec(text); m !== null; m = ACTION_RE.exec(text)) {
    const g = m.groups!;
    let kind: AnalystActionKind = g.up ? 'upgrade' : g.down ? 'downgrade' : g.init ? 'initiate' : 'reiterate';
    // "moves X to Outperform": the rating it moves to says which way.
    if (g.move) {
      const to = new RegExp(`\\bto (?:a |an )?(${RATING})\\b`, 'i').exec(text.slice(m.index))?.[1];
      const cls = to ? ratingClass(canonicalRating(to)!) : 0;
      kind = cls > 0 ? 'upgrade' : cls < 0 ? 'downgrade' : 'reiterate';
    }
    // "Reiterates Buy, Maintains $120 PT" is one action: a reiteration after another action adds nothing.
    if (kind === 'reiterate' && verbs.length > 0) continue;
    if ((kind === 'upgrade' || kind === 'downgrade') && CREDIT_BEFORE_RE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    verbs.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return verbs;
}

function actionScore(kind: AnalystActionKind, ratingTo: string | null, ptScore: number): number {
  const rating = ratingTo ? ratingClass(ratingTo) : 0;
  switch (kind) {
    case 'upgrade':
      return 0.8 + 0.2 * ptScore;
    case 'downgrade':
      return -0.8 + 0.2 * ptScore;
    case 'initiate':
      return 0.5 * rating + 0.2 * ptScore;
    case 'reiterate':
      return ptScore !== 0 ? 0.8 * ptScore + 0.1 * rating : 0.25 * rating;
    default:
      return 0.8 * ptScore;
  }
}

/** Every analyst action in a text, in order. Pure: regex passes, then slices. */
export function parseAnalystActions(text: string): AnalystAction[] {
  if (!/grade|coverage|initiat|target|\bpt\b|tgt|rating|reiterat|maintain|reaffirm|objective|\b(?:cut|raised) at\b|\bto (?:buy|sell|hold|neutral|outperform|overweight|underperform|underweight|equal)/i.test(text)) return [];
  const verbs = findVerbs(text);
  const targets = findTargets(text);
  if (verbs.length === 0 && targets.length === 0) return [];
  // Each price-target change belongs to the nearest rating action in the same sentence, else stands alone.
  const owned = new Map<Verb, Target>();
  for (const t of targets) {
    let best: Verb | null = null;
    for (const v of verbs) {
      const d = Math.min(Math.abs(t.start - v.end), Math.abs(v.start - t.end));
      if (d < 60 && !owned.has(v) && (!best || d < Math.abs(t.start - best.end))) best = v;
    }
    if (best) owned.set(best, t);
    else {
      const v: Verb = { kind: 'price-target', start: t.start, end: t.start };
      verbs.push(v);
      owned.set(v, t);
    }
  }
  verbs.sort((a, b) => a.start - b.start);
  const lead = LEAD_RE.exec(text)?.[0].length ?? 0;
  return verbs.map((v, i) => {
    const pt = owned.get(v);
    const first = pt && pt.start < v.start ? pt.start : v.start;
    const regionStart = i > 0 ? boundaryAfter(text, verbs[i - 1]!.end) : lead;
    const regionEnd = i + 1 < verbs.length ? boundaryBefore(text, verbs[i + 1]!.start, v.end) : text.length;
    const verbText = text.slice(v.start, v.end);
    let after = text.slice(v.end, regionEnd);
    const rating = RATING_FROM_TO_RE.exec(after) ?? (v.kind === 'reiterate' ? LEADING_RATING_RE.exec(after) : null);
    const ratingFrom = rating ? canonicalRating(rating[1] && rating.length > 2 ? rating[1] : rating[4]) : null;
    const ratingTo = rating ? canonicalRating(rating.length > 2 ? (rating[2] ?? rating[3] ?? rating[5] ?? rating[6] ?? rating[7]) : rating[1]) : null;
    const ptScore = pt ? targetScore(pt.from, pt.to, pt.up) : 0;
    const firmAfter = firmAfterAt(text.slice(first, regionEnd));
    let firm: string | null = null;
    let subject: AnalystAction['subject'] = null;
    // Subject first ("Apple upgraded at UBS", "Apple price target raised at Wedbush", "Tesla PT lowered ..."):
    // the company is before the words, the firm after "at"/"by".
    const ptFirst = pt !== undefined && !pt.verbFirst && pt.start < v.start;
    const passive = v.kind === 'price-target' ? !pt!.verbFirst : ptFirst || (PASSIVE_RE.test(verbText) && (!!firmAfter || text.slice(regionStart, first).trim() !== ''));
    if (passive) {
      firm = firmAfter ? firmAfter[1]!.trim() : null;
      subject = span(text, regionStart, pt && pt.start <= first ? pt.ptStart : v.start);
    } else {
      firm = text.slice(regionStart, first).trim().replace(/[,;:]\s*$/, '') || (firmAfter ? firmAfter[1]!.trim() : null);
      if (v.kind === 'price-target' && pt) after = text.slice(v.start, pt.ptStart).replace(/^\S+/, '');
      const lr = LEADING_RATING_RE.exec(after);
      const offset = (v.kind === 'price-target' && pt ? text.indexOf(after, v.start) : v.end) + (lr && v.kind !== 'price-target' ? lr[0].length : 0);
      const rest = lr && v.kind !== 'price-target' ? after.slice(lr[0].length) : after;
      const subj = SUBJECT_RE.exec(rest);
      if (subj && !new RegExp(`^${RATING}$`, 'i').test(subj[1]!)) {
        const s = offset + rest.indexOf(subj[1]!);
        subject = { text: subj[1]!, start: s, end: s + subj[1]!.length };
      }
    }
    if (subject && (subject.text === '' || /^(?:its|the|their|his|her)$/i.test(subject.text))) subject = null;
    const end = Math.max(v.end, pt ? pt.end : v.end, rating ? v.end + rating.index + rating[0].length : v.end);
    const start = Math.min(v.start, pt ? pt.start : v.start);
    return {
      action: v.kind, firm, subject, ratingFrom, ratingTo, targetFrom: pt?.from ?? null, targetTo: pt?.to ?? null,
      score: Math.round(Math.max(-1, Math.min(1, actionScore(v.kind, ratingTo, ptScore))) * 1000) / 1000, phrase: text.slice(start, end), start, end,
    };
  });
}

/** The first "at/by/from <Firm>" whose name is not a rating ("initiated at Buy at Citi" → Citi). */
function firmAfterAt(text: string): RegExpExecArray | null {
  FIRM_AT_ALL_RE.lastIndex = 0;
  for (let m = FIRM_AT_ALL_RE.exec(text); m !== null; m = FIRM_AT_ALL_RE.exec(text)) {
    if (!new RegExp(`^${RATING}$`, 'i').test(m[1]!.trim()) && !/^(?:US)?\$|^\d/.test(m[1]!)) return m;
  }
  return null;
}

function span(text: string, from: number, to: number): AnalystAction['subject'] {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const t = raw.trim().replace(/[,;:'’]+$|'s$|’s$/, '').trim();
  return t ? { text: t, start: from + lead, end: from + lead + t.length } : null;
}

function boundaryBefore(text: string, at: number, floor: number): number {
  const cut = Math.max(text.lastIndexOf(',', at), text.lastIndexOf(';', at));
  return cut >= floor ? cut : at;
}

function boundaryAfter(text: string, at: number): number {
  const m = /[,;]/.exec(text.slice(at));
  return m ? at + m.index + 1 : at;
}
