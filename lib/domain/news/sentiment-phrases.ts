// Fixed phrases that are good or bad news by themselves, and idioms that must not be scored, written for
// this project (no third-party word list). These are added after the compositional lexicon: a phrase
// here overrides a word entry there, and the longest match wins ("record profit" beats "record").
import type { LexiconEntry } from './sentiment-lexicon.ts';

const POSITIVE: [string, number][] = [
  ['bullish|bull|bulls|upbeat|optimistic|buoyant', 1.4],
  ['strong|stronger|strongest|robust|solid|healthy|impressive|stellar|blowout|blockbuster', 1],
  ['better than expected|above expectations|above estimates|ahead of estimates', 1.6],
  ['above consensus|ahead of expectations|ahead of consensus|beats expectations', 1.6],
  ['in the green|green day|breaking out|breakout|break out|breaks out|short squeeze|squeeze', 1.2],
  ['outperform|overweight|buy rating|strong buy|top pick|conviction buy|initiated at buy|initiates at buy', 1.4],
  ['price target raised|pt raised|raises pt|raises price target|lifts price target|boosts price target', 1.6],
  ['approval|approves|approved|wins|won|awarded|secures|secured|lands', 0.7],
  ['positive|encouraging|favorable|favourable|promising|successful|success|win|winner|winners', 0.9],
  ['recovery|boom|booming|thrive|thrives|thriving|upside|tailwind|tailwinds', 0.8],
  ['crushes|crushed|smashes|smashed|blows past|blew past', 1.3],
  ['insider buying|insiders buying|bought|buying|accumulating|accumulation', 0.5],
  ['profitable|profitability|record profit|record revenue|record sales|record earnings|record quarter', 0.8],
  ['raises dividend|hikes dividend|increases dividend|dividend hike|dividend increase|special dividend', 1.4],
  ['calls|call buying|call sweep|sweep', 0.3],
  ['at buy|as buy|a buy|at outperform|as outperform|to outperform|at overweight|to overweight|likes', 1],
  ['ups to|upped to|raised to|raises to|lifts to|lifted to|bumped to|upgraded to|pos comments|positive comments', 1.2],
  ['gap up|gaps up|gapping up|gapped up|hopeful|new orders|new jobs|creates jobs|creating jobs|adds jobs', 0.8],
  ['gainers|gainer|bright spot|comeback|improvement|impresses|impressed|best day|best week|best month', 1],
  ['reverse/reverses/reversed/pare/pares/pared/erase/erases/erased/recoup/recoups losses|tariff relief', 0.8],
  ['trade deal', 0.4],
  ["best|granted|grants|ok'd|okayed|bottom is in", 0.5],
  ['good|great|momentum|turnaround', 0.5],
  ['record annual/quarterly/full/fourth/third profit/revenue/sales/earnings|first operating profit|first quarterly profit|first annual profit|first profit|swings to profit|returns to profit', 1.2],
  ['priority review|accepts filing|accepted for review|accepts application|accepts submission|fast track designation|breakthrough designation|breakthrough therapy designation|breakthrough therapy|orphan drug designation', 0.8],
  ['announce/announces/form/forms/enter/enters/expand/expands partnership|strategic partnership|partner with|partners with|teams up|team up', 0.8],
  ['first ever dividend|initiates dividend|initiates quarterly dividend|declares first|reinstates dividend', 1.2],
  ['lifts clinical hold|clinical hold lifted|removes clinical hold|lifts ban|ban lifted|lifts the ban|lifted the ban|meets primary endpoint|met primary endpoint|met its primary endpoint|meets its primary endpoint', 1.6],
  ['attractive|undervalued|cheap|bargain|dip buying|buy the dip', 0.5],
  ['milestone|hot', 0.4],
  ['deal|agreement|contract|acquire|acquires|takeover|merger|buyout', 0.2],
  ['partnership|collaboration|alliance', 0.5],
  ['safe haven|rate cut|rate cuts|cuts rates|stimulus|easing', 0.6],
];

const NEGATIVE: [string, number][] = [
  ['bearish|bear|bears|gloomy|pessimistic|pessimism|downbeat', 1.4],
  ['weak|weaker|weakest|weakness|soft|softer|softness|sluggish|dismal|grim|bleak|poor|dire', 1.1],
  ['worse than expected|below expectations|below estimates|short of estimates', 1.6],
  ['below consensus|falls short|fell short|fall short|misses expectations|shy of', 1.6],
  ['in the red|red day|breaking down|breakdown|sell off|sells off|sold off|selloff|rout|bloodbath', 1.3],
  ['underperform|underweight|sell rating|strong sell|reduce rating|initiated at sell|initiates at sell', 1.4],
  ['price target cut|pt cut|cuts pt|cuts price target|lowers price target|price target lowered', 1.6],
  ['warning|warns|warned|warn|profit warning|disappoint|disappoints|disappointing|disappointed', 1.3],
  ['worry|worried|concern|concerned|anxiety|jitters|panic|turmoil', 0.8],
  ['recession|slowdown|crisis|contraction|stagflation|depression|bubble|meltdown|correction', 0.9],
  ['bankruptcy|bankrupt|chapter 11|insolvency|insolvent|default|defaulted|delisting|delisted', 1.5],
  ['fraud|scandal|sued|sues|indicted|charged|accused|fined|fines', 1],
  ['swings to loss|swings to quarterly loss|swings to a loss|effective immediately|abruptly|resigns|resigned|resignation|ousted|fired', 0.7],
  ['close/closes/closing/shut/shuts/shutter/shutters <num> stores/plants/locations/branches/offices/factories|suspends share repurchases|suspends buyback|suspends dividend|cuts dividend|dividend cut', 1],
  ['complete response letter|complete response|crl|refuse to file|refusal to file|refuses to file|rtf letter|clinical hold|fails to meet primary endpoint|missed primary endpoint|misses primary endpoint|did not meet', 1.8],
  ['debt downgrade|credit downgrade|credit rating downgrade|sovereign downgrade|downgrades us|downgrade fears', 0.8],
  ['penalty|penalties|fine of|recall|recalls|recalled|violation|violations|breach|hack|hacked', 0.8],
  ['lays off|laid off|lay off|to lay off|layoffs|job cuts|cuts jobs|redundancies|furlough|furloughs|shutdown|closures', 1.1],
  ['delay|delays|delayed|suspend|suspends|suspended|halts|cancel|cancels|canceled|cancelled', 0.8],
  ['reject|rejects|rejected|denied|denies|blocks|blocked|ban|bans|banned|fails|failed|failure', 0.9],
  ['struggle|struggles|struggling|woes|trouble|troubles|troubled|plight|distress', 1],
  ['shortfall|headwind|downside', 0.8],
  ['weigh on|weighs on|weighed on|weighing on|weighed down|hit by|hit hard|hurt|hurts|hurting', 1],
  ['public offering|secondary offering|stock offering|share offering|equity offering|registered direct', 0.4],
  ['dilution|dilutive|short seller|short report|overvalued|expensive|risky|danger|threat|threatens|threatened|threatening', 0.8],
  ['short|shorts|shorting|puts|put buying|bought puts|sell|selling|cashing out', 0.4],
  ['at sell|as sell|a sell|at underperform|to underperform|at underweight|to underweight|dump|dumping', 1],
  ['cuts to|cut to|lowers to|lowered to|downgraded to|downgrades to|neg comments|negative comments', 1.2],
  ['gap down|gaps down|gapping down|gapped down|losers|loser|pain|painful|lackluster|skeptical|glut', 1],
  ['pare/pares/pared/erase/erases/erased/reverse/reverses gains|give/gives up gains|hinder|hinders', 0.8],
  ['hit with|slapped with|questions|questioned|doubts|oust|ousts|ousted|shut/shuts/close/closes/closing/shutter/shutters stores/plants/plant/factories/factory/operations', 0.8],
  ['pulls the plug|pull the plug|scale back|scales back|scaling back|death knell|hits the skids|strike', 0.8],
  ['volatile|uncertain|caution|cautious|tension|tensions|war|virus|coronavirus', 0.4],
  ['rate hike|rate hikes|hikes rates|tightening|sanctions|lockdown|lockdowns', 0.6],
  ['red|negative|bad|worst|ugly|terrible|hit', 0.4],
];

/** Idioms that contain a scored word but carry no direction. */
const BLANKS = [
  'from buy|from outperform|from overweight|from neutral|from hold|from market perform|from equal weight|from sector weight',
  'from in line|from peer perform|from sell|from underperform|from underweight|from sector perform|from perform',
  'ahead of|up to|set up|sets up|sign up|signs up|wrap up|wraps up|line up|lines up|lineup|shake up|shakes up',
  'make up|makes up|made up|follow up|start up|startup|look up|pick up|picks up|back up|backs up|show up',
  'step down|steps down|stepping down|stepped down|shut down|shuts down|wind down|winds down|sit down',
  'step up|steps up|take up|takes up|open up|opens up|ups and downs|up and down|breakdown of',
  'high school|high yield|high street|highs and lows|low cost|low carbon|lows and highs',
  'all time|up for grabs|no doubt|no matter|not only|more than|more or less|at least|at most',
  'no deal brexit|no deal|fine print|top stocks|top 10|top five|top 5|top ten|top three|top 3',
  'earnings call|earnings preview|earnings date|earnings report|ahead of earnings|before earnings',
  'what to expect|what to watch|things to know|to watch|stocks to watch|should you buy|is it time to buy',
];

/** Every fixed phrase, as (pattern, entry) pairs for buildPhraseIndex. */
export function phraseEntries(): [string, LexiconEntry][] {
  const out: [string, LexiconEntry][] = [];
  for (const [p, w] of POSITIVE) out.push([p, { role: 'polar', weight: w }]);
  for (const [p, w] of NEGATIVE) out.push([p, { role: 'polar', weight: -w }]);
  for (const p of BLANKS) out.push([p, { role: 'blank' }]);
  return out;
}
