// What kind of item a text is, before what it says: a price-action recap ("52-week highs", "shares down
// 6.5% premarket", movers lists) describes a move already in the price, and a calendar entry ("earnings
// scheduled for", "ex-dividend date") announces a date. Neither is a catalyst: a strategy that buys a
// recap chases, and a date says nothing about which way.
import type { CatalystType } from './catalyst-rules.ts';
import type { Token } from './tokens.ts';

export type NewsKind = 'news' | 'price-recap' | 'calendar';

export interface NewsKindResult {
  kind: NewsKind;
  /** The words that made it a recap or a calendar entry (character offsets in the text); null for news. */
  evidence: { phrase: string; start: number; end: number } | null;
}

const PCT = String.raw`(?:about |nearly |over |almost |roughly |more than |another )?[+-]?\d+(?:\.\d+)?\s?%`;
const MOVE = String.raw`up|down|higher|lower|rise[sn]?|rose|fall(?:s|en)?|fell|gain(?:s|ed)?|drop(?:s|ped)?|jump(?:s|ed)?|slid(?:es?)?|sink(?:s)?|sank|soar(?:s|ed)?|surge[sd]?|plunge[sd]?|tumble[sd]?|climb(?:s|ed)?|rall(?:y|ies|ied)|slip(?:s|ped)?|dip(?:s|ped)?|spike[sd]?|trades? (?:higher|lower)|trading (?:higher|lower|up|down)|moving (?:higher|lower)`;
const WHEN = String.raw`pre-?market|pre-?market trading|after[- ]hours|after[- ]hours trading|mid-?day|mid-?day trading|early trading|morning trading|intraday|in trading|on the session|on the day|on the week|this week|today|since|so far|year[- ]to[- ]date|ytd|in \d{4}|on (?:monday|tuesday|wednesday|thursday|friday)`;

const RECAP: RegExp[] = [
  /\b52[- ]?(?:week|wk)s?[- ](?:highs?|lows?)\b/i,
  /\b(?:hits?|hitting|touch(?:es|ing)?|reach(?:es|ing)?|sets?|setting|at|new|fresh) (?:an? )?(?:all[- ]time|record|multi[- ]year|\d+[- ]year|\d+[- ]month) (?:highs?|lows?)\b/i,
  new RegExp(String.raw`\b(?:shares|stock|stocks)\b(?: of [A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3})?(?: are| were| is| was)? (?:${MOVE})\b(?: by)? ${PCT}(?! (?:of|stake))`, 'i'),
  new RegExp(String.raw`\b(?:${MOVE})\b(?: by)? ${PCT}(?: in| during)? (?:${WHEN})\b`, 'i'),
  /\b(?:pre-?market|after[- ]hours|mid-?day|midday|morning|session|biggest|top|notable|big|stock|stocks) (?:stock )?(?:movers|gainers|losers|decliners|advancers)\b/i,
  /\b(?:movers|gainers|losers)\b[^.]*\b(?:pre-?market|after[- ]hours|mid-?day|session|today|monday|tuesday|wednesday|thursday|friday)\b/i,
  /\bstocks? (?:moving|making (?:the )?biggest moves|on the move|that moved|trending)\b/i,
  /\b(?:why|here'?s why)\b[^.]{0,60}\b(?:shares?|stock)\b[^.]{0,40}\b(?:are|is|were|was) (?:trading|moving|falling|rising|soaring|sliding|up|down|higher|lower|surging|plunging|jumping|sinking|tumbling|spiking|gaining|dropping)\b/i,
  /\b(?:shares|stock) (?:are |is |were |was )?(?:trading|moving) (?:higher|lower|up|down)\b/i,
  /\b(?:unusual options activity|options activity|short interest update)\b/i,
];

const CALENDAR: RegExp[] = [
  /\bearnings (?:scheduled|calendar|preview|date|release date|call (?:scheduled|set|date)|are scheduled)\b/i,
  /\bex-?dividend\b|\b(?:dividend )?record date\b|\bpayable on\b|\bdividend (?:payable|pay) date\b/i,
  /\b(?:to|will) (?:report|release|announce|publish|host|hold|present|issue)\b[^.;]{0,60}\b(?:results|earnings|call|conference|webcast|presentation)\b/i,
  /\b(?:set|scheduled|slated) to (?:report|release|announce)\b/i,
  /\b(?:conference call|earnings call|webcast) (?:on|at|scheduled|to be held)\b|\bto present at\b|\bwill present at\b|\b(?:investor|analyst) day\b|\bannual (?:general |shareholders'? )?meeting\b/i,
  /\bwhat to expect\b|\bahead of (?:its |the )?(?:earnings|results|q[1-4])\b|\bearnings preview\b|\bthings to watch\b/i,
];

/** Catalyst types a recap may carry and still be a recap: the recap is the story, not these. */
const RECAP_MAY_HAVE = new Set<CatalystType | null>([null, 'macro']);
/** A calendar entry names a scheduled event of these types (an earnings date is not earnings news). */
const CALENDAR_MAY_HAVE = new Set<CatalystType | null>([null, 'macro', 'earnings', 'buyback-dividend', 'guidance', 'analyst-rating']);
/** Sentiment evidence this strong besides the calendar words means the item reports something. */
const CALENDAR_MAX_EVIDENCE = 0.9;

// Every pattern above needs one of these words (or a percentage): texts without them skip the regexes.
const RECAP_WORDS = new Set(['week', 'weeks', 'wk', 'high', 'highs', 'low', 'lows', 'movers', 'gainers', 'losers', 'decliners', 'advancers', 'why', 'trading', 'moving', 'options', 'interest', 'move', 'moves', 'trending', 'moved']);
const CALENDAR_WORDS = new Set(['earnings', 'dividend', 'record', 'payable', 'report', 'release', 'announce', 'publish', 'host', 'hold', 'present', 'issue', 'set', 'scheduled', 'slated', 'call', 'webcast', 'investor', 'analyst', 'annual', 'expect', 'ahead', 'watch', 'ex', 'exdividend']);

function mentions(tokens: readonly Token[] | undefined, words: ReadonlySet<string>, percent: boolean): boolean {
  if (!tokens) return true;
  for (const t of tokens) if (words.has(t.key) || (percent && t.kind === 'percent')) return true;
  return false;
}

function first(res: readonly RegExp[], text: string): NewsKindResult['evidence'] {
  for (const re of res) {
    const m = re.exec(text);
    if (m) return { phrase: m[0], start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/**
 * The kind of a news text, given its catalyst type and the weights of its sentiment evidence: a recap
 * only when nothing but the move (or the market) is reported, a calendar entry when the only catalyst is
 * the scheduled event itself and no strong result is reported beside it.
 */
export function classifyNewsKind(text: string, catalyst: CatalystType | null, evidence: readonly { start: number; end: number; weight: number }[], tokens?: readonly Token[]): NewsKindResult {
  if (CALENDAR_MAY_HAVE.has(catalyst) && mentions(tokens, CALENDAR_WORDS, false)) {
    const cal = first(CALENDAR, text);
    if (cal && !evidence.some((e) => Math.abs(e.weight) >= CALENDAR_MAX_EVIDENCE && (e.end <= cal.start || e.start >= cal.end))) return { kind: 'calendar', evidence: cal };
  }
  if (RECAP_MAY_HAVE.has(catalyst) && mentions(tokens, RECAP_WORDS, true)) {
    const recap = first(RECAP, text);
    if (recap) return { kind: 'price-recap', evidence: recap };
  }
  return { kind: 'news', evidence: null };
}
