import type { Random } from '../../../shared/random.ts';
import type { NewsItem } from '../../../domain/news.ts';
import { newsContentHash } from '../../news/content-hash.ts';
import { newYorkParts } from '../../../domain/calendar/new-york-time.ts';
import type { AssetProfile, EventCore } from './market-types.ts';
import { CRYPTO_TEMPLATES, EQUITY_TEMPLATES, MACRO_TEMPLATES, type Template } from './headline-templates.ts';

const FIRMS = ['Harbor Point Securities', 'Kestrel Capital Markets', 'Summit Ridge Research', 'Bluewater Partners', 'Granite & Co.', 'Northgate Equity Research', 'Meridian Securities', 'Ironbridge Capital'];
const ACQUIRERS = ['Granite Peak Partners', 'Silverline Holdings', 'Apex Global Industries', 'Blackwood Capital', 'Oakmont Group', 'Stratus Equity'];
const CUSTOMERS = ['the U.S. Department of Defense', 'a Fortune 100 retailer', 'NASA', 'a leading European automaker', 'a top-five U.S. health insurer', 'the U.S. Army', 'a major cloud provider'];
const INDICATIONS = ['moderate-to-severe plaque psoriasis', 'relapsed multiple myeloma', 'treatment-resistant depression', 'non-small cell lung cancer', 'type 2 diabetes', 'Duchenne muscular dystrophy', 'chronic migraine'];
const FIRST_NAMES = ['Maria', 'David', 'Priya', 'James', 'Elena', 'Robert', 'Aisha', 'Thomas', 'Linda', 'Kenji'];
const LAST_NAMES = ['Whitford', 'Castellano', 'Raman', 'Okafor', 'Lindqvist', 'Brennan', 'Tanaka', 'Morales', 'Hughes', 'Adler'];
const AUTHORS = ['Sim Newswire', 'Sim Newswire Staff', 'Market Desk', 'Press Release'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function usd(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(1)}B`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(1)}M`;
  return `${Math.max(1, Math.round(x / 1e3))}K`;
}

const money = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(4));

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
}

function placeholders(rng: Random, event: EventCore, profile: AssetProfile | null, price: number): Record<string, string> {
  const move = Math.abs(event.reaction.priceImpact);
  const marketCap = profile ? price * profile.averageDailyVolume * 150 : 0;
  const month = Number(event.date.slice(5, 7));
  const est = price * (0.006 + rng.next() * 0.02);
  const up = event.reaction.logImpact >= 0;
  const eps = est * (up ? 1 + 2 * move + 0.02 : 1 - 2 * move - 0.02);
  const revenue = marketCap / 20;
  const premium = move * 1.15;
  const offerPrice = price * (1 - Math.min(0.6, move * 0.9));
  const amount = marketCap * (0.03 + rng.next() * 0.15);
  const pt = price * (up ? 1.1 + 3 * move : Math.max(0.3, 0.9 - 3 * move));
  const name = profile ? profile.asset.name.replace(/ Inc\.$/, '') : '';
  return {
    name,
    ticker: profile?.asset.symbol ?? '',
    coin: profile?.asset.name.split(' / ')[0] ?? '',
    q: `Q${((Math.ceil(month / 3) + 2) % 4) + 1}`,
    eps: eps.toFixed(2),
    est: est.toFixed(2),
    rev: usd(revenue * (up ? 1.03 : 0.96)),
    revEst: usd(revenue),
    growth: (up ? 5 + rng.next() * 25 : 2 + rng.next() * 15).toFixed(1),
    guideLo: usd(revenue * 3.9),
    guideHi: usd(revenue * 4.1),
    firm: rng.pick(FIRMS),
    pt: money(pt),
    oldPt: money(price * (0.95 + rng.next() * 0.1)),
    upside: Math.round((pt / price - 1) * 100).toString(),
    drug: `${profile?.asset.symbol ?? 'SIM'}-${rng.int(100, 999)}`,
    indication: rng.pick(INDICATIONS),
    acquirer: rng.pick(ACQUIRERS),
    dealPrice: money(price * (1 + premium)),
    dealValue: usd(marketCap * (1 + premium)),
    premium: Math.round(premium * 100).toString(),
    amount: usd(amount),
    customer: rng.pick(CUSTOMERS),
    offerPrice: money(offerPrice),
    shares: Math.round(amount / offerPrice).toLocaleString('en-US'),
    person: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    month: MONTHS[(month + 10) % 12]!,
    cpi: (up ? 0.1 + rng.next() * 0.15 : 0.35 + rng.next() * 0.2).toFixed(1),
    jobs: String(up ? rng.int(220, 340) : rng.int(20, 110)),
    retail: (0.6 + rng.next()).toFixed(1),
    pmi: (45 + rng.next() * 3).toFixed(1),
    pmiUp: (53 + rng.next() * 4).toFixed(1),
  };
}

function templatesFor(event: EventCore, profile: AssetProfile | null): readonly Template[] {
  if (event.catalyst === 'macro') {
    const hour = newYorkParts(event.publishedAt).hour;
    const slot = MACRO_TEMPLATES[hour < 9 ? 'data' : hour < 12 ? 'survey' : 'fed'];
    return event.reaction.logImpact >= 0 ? slot.up : slot.down;
  }
  if (profile?.tier === 'crypto') return CRYPTO_TEMPLATES[event.catalyst] ?? CRYPTO_TEMPLATES.noise!;
  return EQUITY_TEMPLATES[event.catalyst];
}

/** The symbols a wire service would tag: the ticker, crypto as Alpaca spells it (BTCUSD), none for macro. */
export function newsSymbols(profile: AssetProfile | null): string[] {
  return profile ? [profile.asset.symbol.replace('/', '')] : [];
}

/**
 * Writes the versions of a story: headline and summary from the catalyst's templates, with figures
 * consistent with the reaction and with `price` (the last close before it); an update repeats the story
 * with the move so far. Deterministic for the event's id.
 */
export function writeNewsVersions(rng: Random, event: EventCore, profile: AssetProfile | null, price: number): NewsItem[] {
  const template = rng.pick(templatesFor(event, profile));
  const values = placeholders(rng, event, profile, price);
  const headline = fill(template.headline, values);
  const summary = fill(template.summary, values);
  const base = {
    source: 'sim',
    sourceId: event.id,
    publishedAt: event.publishedAt,
    url: `https://news.sim.invalid/${event.id}`,
    symbols: newsSymbols(profile),
    meta: { author: rng.pick(AUTHORS) },
  };
  const first: NewsItem = { ...base, version: event.publishedAt, receivedAt: event.publishedAt, headline, summary, contentHash: newsContentHash(headline, summary) };
  if (event.updatedAt === null) return [first];
  const pct = (Math.abs(event.reaction.priceImpact) * 100).toFixed(1);
  const direction = event.reaction.logImpact > 0 ? 'rose' : 'fell';
  const moved =
    event.reaction.logImpact === 0
      ? ' Updated with additional details.'
      : event.catalyst === 'macro'
        ? ` Stock index futures ${direction} about ${pct}% after the release.`
        : ` Shares ${direction} about ${pct}% after the announcement.`;
  const updatedHeadline = rng.chance(0.5) ? `UPDATE: ${headline}` : `${headline} (Updated)`;
  const updatedSummary = summary + moved;
  return [first, { ...base, version: event.updatedAt, receivedAt: event.updatedAt, headline: updatedHeadline, summary: updatedSummary, contentHash: newsContentHash(updatedHeadline, updatedSummary) }];
}
