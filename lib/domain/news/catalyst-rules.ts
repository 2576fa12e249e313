// Catalyst phrase tables, written for this project. Pattern notation as in phrase-index.ts: phrases
// separated by `|`, a slot's alternative words by `/`. A weight in (0, 1] is how sure the phrase alone
// makes us of the catalyst type.

/** The kinds of news that move a stock, as the scanner ranks them. */
export type CatalystType =
  | 'earnings'
  | 'guidance'
  | 'analyst-rating'
  | 'merger-acquisition'
  | 'fda-clinical'
  | 'contract-partnership'
  | 'offering-dilution'
  | 'legal-regulatory'
  | 'executive-change'
  | 'buyback-dividend'
  | 'macro';

/**
 * How much each type tends to move a single stock (earnings, M&A and FDA news are the strongest
 * catalysts in the scanner criteria of shared/reference; macro news moves everything a little).
 * A result's weight is this times the confidence of its evidence.
 */
export const CATALYST_IMPORTANCE: Record<CatalystType, number> = {
  'earnings': 1,
  'merger-acquisition': 1,
  'fda-clinical': 1,
  'offering-dilution': 0.9,
  'guidance': 0.9,
  'analyst-rating': 0.7,
  'contract-partnership': 0.7,
  'legal-regulatory': 0.6,
  'executive-change': 0.5,
  'buyback-dividend': 0.5,
  'macro': 0.4,
};

const Q = 'q1/q2/q3/q4/quarterly/quarter';
const NTH = 'first/second/third/fourth';

/** Phrases that name a catalyst by themselves. */
export const CATALYST_PHRASES: Record<CatalystType, [string, number][]> = {
  'earnings': [
    ['earnings|eps|earnings per share|loss per share|net income|quarterly profit|quarterly loss', 0.8],
    ['results', 0.45],
    ['financial results|annual results|full year results|half year results|interim results|1h/h1/2h/h2/fy/fy19/fy20 results', 0.9],
    [`${Q} results/earnings/eps/profit/loss/sales/revenue/revenues|reports ${Q}|posts ${Q}`, 0.95],
    [`${NTH} quarter results/earnings/profit/loss/sales/revenue`, 0.95],
    ['beats/beat/misses/missed/tops/topped estimates/expectations/consensus|eps beats/misses|revenue beats/misses', 0.9],
    ['earnings beat|earnings miss|same store sales|comparable sales|comp sales|fiscal year results', 0.9],
    ['revenue|revenues|sales|profit|profits|ebitda|operating income|gross margin', 0.4],
    ['beats|beat|misses|miss|missed|tops|topped|falls short|fell short|estimates|expectations', 0.55],
    ['operating profit|annual profit|record profit|record annual profit|record quarterly profit|first profit|quarterly revenue|revenue growth|subscriber growth|deliveries|same store sales|comparable sales|wider than expected loss|narrower than expected loss|swings to loss|swings to profit|swings to quarterly loss|quarterly loss|profit tumbles|profit falls|profit rises|profit jumps', 0.85],
    ['revenue/revenues/sales/profit/earnings rises/rise/rose/jumps/jumped/falls/fell/drops/dropped/grows/grew/declines/declined/slumps/surges/climbs/tumbles', 0.85],
  ],
  'guidance': [
    ['guidance|outlook|forecast|full year forecast|profit warning|preannounces|preliminary results', 0.8],
    ['raises/lifts/boosts/cuts/lowers/reaffirms/reiterates/withdraws/suspends/maintains/narrows guidance/outlook/forecast', 0.95],
    ['raises/lifts/boosts/cuts/lowers/reaffirms/reiterates/withdraws/narrows full year/annual/fy/quarterly guidance/outlook/forecast', 0.95],
    ['sees/expects fy/full/q1/q2/q3/q4/annual|sees/expects <num> eps/revenue/sales/earnings|guides|guided|guides lower/higher', 0.85],
    ['forecast|forecasts|forecasted|projects|warns of|warns on|warning on|sales forecast|profit forecast|revenue forecast|annual forecast', 0.85],
  ],
  'analyst-rating': [
    ['upgrade|upgraded|upgrades|downgrade|downgraded|downgrades|price target|pt|target price', 0.9],
    ['initiates/initiated/starts/started/resumes/resumed coverage|initiated at|initiates at|started at|starts at', 0.9],
    ['reiterates/reiterated/maintains/maintained/reaffirms buy/sell/hold/outperform/overweight/neutral', 0.85],
    ['overweight|underweight|outperform|underperform|buy rating|sell rating|hold rating|equal weight|market perform', 0.7],
    ['analyst|analysts|top pick|conviction list', 0.3],
  ],
  'merger-acquisition': [
    ['acquire|acquires|acquired|acquiring|acquisition|merger|merge|merges|takeover|buyout|tender offer', 0.9],
    ['agrees to buy|deal to buy|to be acquired|go private|take private|takes private|bid for|offer for', 0.8],
    ['to buy', 0.6],
    ['offer price|raises offer|increases offer|sweetens offer|sweetened offer|hostile bid|unsolicited bid|buys|to purchase', 0.75],
    ['spin off|spinoff|spins off|divest|divests|divestiture|sells unit|sells business|sells division|stake in', 0.5],
  ],
  'fda-clinical': [
    ['vaccine trial|drug trial|halts trial|trial halted|halts vaccine trial', 0.85],
    ['fda|pdufa|nda|bla|snda|anda|ema|chmp|complete response letter|crl|breakthrough therapy|fast track', 0.9],
    ['phase <num>|phase i/ii/iii|phase <num> a/b|clinical trial|clinical data|topline|top line data|primary endpoint|pivotal', 0.9],
    ['orphan drug|trial results|clinical results|study results|data readout|efficacy|biosimilar|drug application', 0.8],
  ],
  'contract-partnership': [
    ['contract|wins contract|awarded|partnership|order|orders|supply deal|loses contract|partners with|partner with|collaboration|joint venture', 0.8],
    ['supply agreement|license agreement|licensing agreement|licensing deal|distribution agreement|teams up', 0.85],
    ['agreement|deal with|selected by|purchase order|orders|strategic alliance|jv', 0.5],
  ],
  'offering-dilution': [
    ['offering|public offering|secondary offering|follow on offering|registered direct|private placement', 0.95],
    ['at the market offering|atm offering|atm program|shelf registration|prices offering|pricing of offering', 0.95],
    ['convertible notes|convertible senior notes|convertible debt|warrants|dilution|dilutive|share sale', 0.8],
    ['stock sale|sells shares|sell shares|equity raise|raises capital|capital raise|unregistered sale', 0.8],
    ['reverse split|reverse stock split', 0.6],
  ],
  'legal-regulatory': [
    ['lawsuit|sues|sued|class action|settlement|settles|investigation|probe|subpoena|indictment|indicted', 0.85],
    ['antitrust|doj|ftc|sec charges|fined|fines|fine of|appeal|wins appeal|loses appeal|penalty|ruling|court|judge|verdict|patent infringement', 0.75],
    ['recall|recalls|ban|bans|banned|sanctions|regulator|regulators|warning letter|delisting|deficiency notice', 0.7],
    ['bankruptcy|chapter 11|restatement|accounting irregularities|fraud', 0.9],
  ],
  'executive-change': [
    ['steps down|step down|to step down|stepping down|resigns|resigned|resignation|ousted|retire|retires', 0.6],
    ['new ceo|new cfo|names ceo|names cfo|appoints ceo|appoints cfo|ceo to step down|cfo to step down', 0.95],
    ['ceo departure|ceo exits|ceo resigns|cfo resigns|chairman resigns|succession|successor|interim ceo', 0.95],
  ],
  'buyback-dividend': [
    ['buyback|buy back|to buy back|share repurchase|stock repurchase|repurchase program|repurchase plan|repurchases', 0.9],
    ['dividend|special dividend|quarterly dividend|raises dividend|cuts dividend|declares dividend|payout', 0.85],
  ],
  'macro': [
    ['fomc|federal reserve|central bank|ecb|boe|boj|pboc|rate cut|rate hike|interest rates|fed minutes', 0.8],
    ['cpi|ppi|inflation|gdp|jobs report|nonfarm|payrolls|unemployment rate|jobless claims|pmi|ism', 0.8],
    ['retail sales report|consumer confidence|housing starts|trade war|tariffs|tariff|opec|recession', 0.6],
    ['treasury yields|yield curve|fed|powell|oil prices|crude prices|gasoline prices|oil price|crude oil', 0.6],
    ['downgrades us|downgrades u s|downgrades the us|us credit rating|credit rating|debt downgrade|credit downgrade|credit rating downgrade|sovereign downgrade|sovereign rating|debt ceiling|gold futures|oil futures|crude futures|treasury futures', 0.85],
  ],
};

/** Phrases that look like a catalyst and are not one (an IPO is not dilution of existing holders). */
export const NOT_CATALYST = [
  'initial public offering|ipo|ipos|senior notes offering|notes offering|debt offering|bond offering',
  'results in|as a result|resulted|earnings season|price targets|offering price of|settlement price|settlement prices',
  'to buy from|to buy at|to buy with|time to buy|stocks to buy|stock to buy|reasons to buy',
];

/** Two phrases near each other that together name a catalyst more surely than either alone. */
export const CATALYST_PAIRS: { type: CatalystType; a: string; b: string; window: number; weight: number }[] = [
  {
    type: 'executive-change',
    a: 'ceo|cfo|coo|cto|chief|chief executive|chief financial officer|chief operating officer|chairman|chairwoman|president|founder|executive|director',
    b: 'steps down|step down|resigns|resigned|appoints|appointed|names|named|hires|hired|departs|departure|retire|retires|ousted|fired|replaces|replaced|successor|succeed|succeeds|exits|leaves|to leave|quits|promoted|interim',
    window: 6,
    weight: 0.95,
  },
  {
    type: 'fda-clinical',
    a: 'fda|ema|health canada|nmpa|mhra|pmda|chmp|regulators',
    b: 'approve|approves|approved|approval|clears|cleared|clearance|accepts|accepted|grants|granted|rejects|rejected|declines',
    window: 6,
    weight: 1,
  },
  {
    type: 'offering-dilution',
    a: 'prices|priced|announces|launches|proposed|files for|upsized',
    b: 'offering|public offering|secondary offering|private placement|registered direct|stock sale|share sale|shares',
    window: 5,
    weight: 1,
  },
];
