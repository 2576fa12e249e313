// The compositional part of the sentiment rules, written for this project: direction words, the
// financial quantities they move, negators and intensity words. Fixed phrases are in
// sentiment-phrases.ts. Weights were set by hand and adjusted against sent_train.csv only.
import { wordForms } from './phrase-index.ts';

/** What a phrase-table entry does to the sentiment of the text around it. */
export type LexiconEntry =
  /** Moves a quantity up (+1) or down (-1); the quantity's polarity decides good or bad news. */
  | { role: 'dir'; sign: 1 | -1; strength: number; needsQty?: boolean }
  /** A phrase that is good (> 0) or bad (< 0) news by itself. */
  | { role: 'polar'; weight: number }
  /**
   * A financial quantity: more of it is good (+1), bad (-1), or depends (0); `alone` scores it unmoved.
   * `resolvable`: a trouble that a resolution word ends ("probe closed", "clinical hold lifted").
   */
  | { role: 'qty'; polarity: 1 | -1 | 0; alone: number; resolvable?: boolean }
  /** Ends a trouble nearby ("closed", "dismissed", "settles"): good news of `weight`; `alone` without one. */
  | { role: 'resolve'; weight: number; alone: number }
  /** Makes its clause a concession ("despite", "although"): the main clause decides. */
  | { role: 'concede' }
  /** What comes after it outweighs what came before ("but", "however"). */
  | { role: 'contrast' }
  /** Two facts side by side ("while", "whereas"): a direction word never reaches across it. */
  | { role: 'barrier' }
  /** Reverses what follows: "not", "fails to", "no longer". */
  | { role: 'neg' }
  /** Strengthens (> 1) or softens (< 1) the nearest scored phrase. */
  | { role: 'amp'; factor: number }
  /** An idiom that would otherwise match a scored word ("up to", "step down"): matches and scores nothing. */
  | { role: 'blank' };

const dir = (sign: 1 | -1, strength: number, needsQty = false): LexiconEntry => ({ role: 'dir', sign, strength, needsQty });
const qty = (polarity: 1 | -1 | 0, alone = 0): LexiconEntry => ({ role: 'qty', polarity, alone });

/**
 * Words that move a quantity up. Without a quantity nearby they are read as moving the stock, except those
 * flagged `true`, which need a quantity or a figure ("raise $50M" is neither good nor bad by itself).
 */
const UP: [string[], number, boolean?][] = [
  [wordForms('rise', 'rose', 'risen'), 1],
  [wordForms('gain'), 1],
  [wordForms('jump'), 1.3],
  [wordForms('surge'), 1.5],
  [wordForms('soar'), 1.6],
  [wordForms('skyrocket'), 1.7],
  [wordForms('rocket'), 1.5],
  [wordForms('rally'), 1.3],
  [wordForms('climb'), 1],
  [wordForms('advance'), 0.8],
  [wordForms('increase'), 0.8, true],
  [wordForms('grow', 'grew', 'grown'), 0.8, true],
  [wordForms('expand'), 0.7, true],
  [wordForms('improve'), 1, true],
  [wordForms('boost'), 1, true],
  [wordForms('lift'), 0.8, true],
  [wordForms('raise'), 1, true],
  [wordForms('hike'), 0.8, true],
  [wordForms('bump'), 0.8, true],
  [wordForms('beat', 'beaten'), 1.4],
  [['tops', 'topped', 'topping'], 1.2],
  [wordForms('exceed'), 1.2],
  [wordForms('surpass'), 1.2],
  [wordForms('outperform'), 1.2],
  [wordForms('strengthen'), 1, true],
  [wordForms('recover'), 1],
  [wordForms('rebound'), 1.2],
  [wordForms('spike'), 1],
  [wordForms('accelerate'), 0.8, true],
  [wordForms('double'), 1, true],
  [wordForms('triple'), 1.2, true],
  [wordForms('upgrade'), 1.6],
  [wordForms('pop', 'popped', 'popping'), 1.1],
  [wordForms('zoom'), 1.2],
  [wordForms('regain'), 1],
  [wordForms('bounce'), 1],
  [['firmed', 'upped'], 1],
  [wordForms('fly', 'flew'), 0.8],
  [wordForms('extend'), 0.4, true],
  [['ahead'], 0.8, true],
  [['up', 'upward', 'upwards'], 0.8, true],
  [['higher'], 0.8],
  [['upturn', 'uptick'], 0.9],
  [['highs', 'peaks'], 0.6],
  // Levels reached are moves too, so they respect the quantity: unemployment at a record low is good news.
  [['all time high|all time highs|record high|record highs|new high|new highs|fresh high|fresh highs|year high|week high|month high|decade high|multi year high|year highs|week highs'], 1.3],
  [['widen', 'widens', 'widened', 'widening', 'wider', 'bigger', 'larger', 'greater', 'more'], 0.7, true],
];

/** Words that move a quantity down. */
const DOWN: [string[], number, boolean?][] = [
  [wordForms('fall', 'fell', 'fallen'), 1],
  [wordForms('drop', 'dropped', 'dropping'), 1],
  [wordForms('decline'), 1],
  [wordForms('slip', 'slipped', 'slipping'), 0.8],
  [wordForms('dip', 'dipped', 'dipping'), 0.8],
  [wordForms('slide', 'slid'), 1],
  [wordForms('sink', 'sank', 'sunk'), 1.2],
  [wordForms('tumble'), 1.4],
  [wordForms('plunge'), 1.5],
  [wordForms('plummet'), 1.6],
  [wordForms('crash'), 1.6],
  [wordForms('slump'), 1.4],
  [wordForms('tank'), 1.4],
  [wordForms('crater'), 1.5],
  [wordForms('collapse'), 1.5],
  [wordForms('sag', 'sagged', 'sagging'), 0.8],
  [wordForms('retreat'), 0.8],
  [wordForms('lose', 'lost'), 1],
  [wordForms('shrink', 'shrank', 'shrunk'), 0.9, true],
  [wordForms('decrease'), 0.8, true],
  [wordForms('reduce'), 0.8, true],
  [wordForms('cut', 'cutting'), 1, true],
  [['lowers', 'lowered', 'lowering'], 0.8, true],
  [wordForms('miss'), 1.4],
  [wordForms('weaken'), 1, true],
  [wordForms('deteriorate'), 1.2, true],
  [wordForms('downgrade'), 1.6],
  [wordForms('underperform'), 1.2],
  [wordForms('trim', 'trimmed', 'trimming'), 0.7, true],
  [wordForms('slash'), 1.3, true],
  [wordForms('erase'), 1, true],
  [wordForms('wipe'), 1, true],
  [wordForms('shed'), 0.9, true],
  [wordForms('sour'), 1],
  [wordForms('slow'), 0.8, true],
  [wordForms('stall'), 0.9, true],
  [wordForms('decelerate'), 0.9, true],
  [wordForms('halve'), 1.2, true],
  [wordForms('worsen'), 1.2, true],
  [wordForms('fade'), 0.8],
  [wordForms('dive', 'dove'), 1.3],
  [wordForms('lag', 'lagged', 'lagging'), 0.8],
  [wordForms('dim', 'dimmed', 'dimming'), 0.8],
  [wordForms('ding'), 0.8, true],
  [wordForms('suffer'), 1],
  [wordForms('ease'), 0.5, true],
  [wordForms('contract'), 0.8, true],
  [wordForms('narrow'), 0.8, true],
  [['down', 'downward', 'downwards'], 0.8, true],
  [['lower'], 0.8],
  [['downturn', 'downtick'], 0.9],
  [['lows'], 0.6],
  [['record low|record lows|new low|new lows|fresh low|all time low|all time lows|multi year low|year low|week low|month low|decade low|year lows|week lows'], 1.3],
  [['narrower', 'smaller', 'less', 'fewer'], 0.7, true],
];

/** Quantities with a direction: more profit is good news, more debt is bad news. */
const QUANTITIES: [string, LexiconEntry][] = [
  ['profit|profits|earnings|revenue|revenues|sales|eps|income|ebitda|margin|margins', qty(1)],
  ['guidance|outlook|forecast|forecasts|estimate|estimates|expectations|consensus|view', qty(1)],
  ['dividend|dividends|payout', qty(1)],
  ['buyback|buybacks|repurchase|buy back', qty(1, 0.6)],
  ['target|targets|pt|rating|ratings|valuation', qty(1)],
  ['shares|stock|stocks|equities|price|market|markets|index|indexes|indices|futures|averages', qty(1)],
  ['sector|sectors|materials|industrials|financials|utilities|semis|chipmakers|banks|miners|retailers|airlines|automakers', qty(1)],
  ['staff|workforce|workers|employees|headcount|stores', qty(1)],
  ['dow|nasdaq|spx|spy|qqq|djia|sp500', qty(1)],
  ['s p|s p 500', qty(1)],
  ['demand|orders|bookings|backlog|shipments|deliveries|subscribers|users|traffic|comps|comp', qty(1)],
  ['growth|gdp|economy|output|production|payrolls|employment|hiring|jobs|wages|spending', qty(1)],
  ['confidence|sentiment|cash|liquidity|stake|value|returns|performance', qty(1)],
  ['hopes|hope|optimism', qty(1, 0.6)],
  ['loss|losses', qty(-1, -0.6)],
  ['deficit|debt|costs|cost|expenses|charges', qty(-1)],
  ['impairment|writedown|writedowns|write down|write downs', qty(-1, -0.8)],
  ['unemployment|jobless|claims|delinquencies|bankruptcies', qty(-1)],
  ['layoffs|defaults', qty(-1, -1.1)],
  ['risk|risks|vix|pressure', qty(-1)],
  ['fear|fears|concerns|worries|headwinds', qty(-1, -0.8)],
  ['uncertainty|volatility', qty(-1, -0.4)],
  ['inflation|cases|infections|deaths|death toll|toll|outbreak|shortage|shortages|tariffs|tariff', qty(-1)],
  ['short interest', qty(-1)],
  // An asset's price: its direction is the news ("oil gains", "gold slides").
  ['oil|crude|gold|silver|copper|dollar|euro|yen|pound|currency|bitcoin|prices|commodities', qty(1)],
  ['lira|rupee|yuan|renminbi|peso|ruble|rouble|rand|franc|sterling|loonie|real|rupiah|ringgit', qty(1)],
  ['stockpile|stockpiles|inventories|inventory|oversupply', qty(-1)],
  ['rates|rate|yields|yield', qty(0)],
  // Troubles that can end: alone they are bad news, with a resolution word good news.
  ['investigation|investigations|probe|probes|inquiry|lawsuit|lawsuits|allegations|subpoena|antitrust case|class action', { role: 'qty', polarity: -1, alone: -1, resolvable: true }],
  ['clinical hold|partial clinical hold|trading halt|going concern doubt|delisting notice|deficiency notice', { role: 'qty', polarity: -1, alone: -1.3, resolvable: true }],
];

/** Words that end a trouble ("investigation closed with no action", "lawsuit dismissed", "settles probe"). */
const RESOLUTIONS: [string, number, number][] = [
  ['closed|closes|close|closing|ends|ended|end|ending|concludes|concluded|conclude|resolves|resolved|resolve|wraps up|wrapped up', 1, 0],
  ['dismissed|dismisses|dismiss|dismissal|tossed|tosses|thrown out|throws out|withdrawn|withdraws|removes|removed', 1, 0],
  ['settles|settled|settle|settlement|settling|resolution', 0.6, 0],
  ['cleared|clears|clear|cleared of|exonerated|acquitted|not guilty|not liable|no wrongdoing|no action|without action|no charges|no enforcement action', 1.1, 0.8],
];

const NEGATORS = [
  "not|no|never|neither|nor|without|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|won't|can't|cannot",
  "couldn't|wouldn't|shouldn't|hasn't|haven't|hadn't|ain't",
  'fail/fails/failed/failing to',
  'no longer',
  'unable to',
  'lack of',
];

const AMPLIFIERS: [string, number][] = [
  ['sharply|significantly|substantially|strongly|massively|dramatically|hugely|considerably', 1.5],
  ['sharp|steep|huge|massive|deep|big|biggest|record|surprise|unexpected|unexpectedly|most', 1.4],
  ['slightly|modestly|marginally|somewhat|slight|modest|small|mild|mildly|edge|edges|edged|little', 0.6],
];

/** Every compositional entry, as (pattern, entry) pairs for buildPhraseIndex. */
export function lexiconEntries(): [string, LexiconEntry][] {
  const out: [string, LexiconEntry][] = [];
  for (const [words, strength, needsQty] of UP) out.push([words.join('|'), dir(1, strength, needsQty)]);
  for (const [words, strength, needsQty] of DOWN) out.push([words.join('|'), dir(-1, strength, needsQty)]);
  out.push(...QUANTITIES);
  for (const p of NEGATORS) out.push([p, { role: 'neg' }]);
  for (const [p, factor] of AMPLIFIERS) out.push([p, { role: 'amp', factor }]);
  for (const [p, weight, alone] of RESOLUTIONS) out.push([p, { role: 'resolve', weight, alone }]);
  out.push(['despite|although|though|even though|even as|in spite of|notwithstanding|regardless of', { role: 'concede' }]);
  out.push(['but|however|nevertheless|nonetheless', { role: 'contrast' }]);
  out.push(['while|whereas', { role: 'barrier' }]);
  return out;
}
