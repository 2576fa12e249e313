// Who each linked company is in the story: the acquirer or the target of a deal, the subject of an
// analyst action, a peer named beside the subject, or merely mentioned (a research firm, a customer).
import type { AnalystAction } from './analyst-action.ts';
import type { TickerLink } from './ticker-link.ts';

export type EntityRole = 'acquirer' | 'target' | 'subject' | 'peer' | 'mentioned';

/** Where a company is first named in the text (-1 when only the source gave it), and every place it is named. */
export interface Mention {
  symbol: string;
  start: number;
  end: number;
  spans: { start: number; end: number }[];
}

export interface RoleAssignment {
  role: EntityRole;
  /** The words that gave the role (the deal verb, the analyst action); empty for the default roles. */
  phrase: string;
  /** The analyst action about this company, when there is one. */
  action?: AnalystAction;
  /** The research firm of an analyst action (a firm is never the subject of its own call). */
  firm?: boolean;
}

// Checked first: "Beta to be acquired by Acme" names the target first.
const PASSIVE_DEAL_RE =
  /\b(?:to be (?:acquired|bought|purchased|taken private) by|(?:acquired|bought|purchased) by|agrees? to be (?:acquired|bought|sold) (?:by|to)|(?:to sell|sells|selling) itself to|receives? (?:an? )?(?:takeover |buyout |acquisition )?(?:offer|bid|proposal) from|(?:rejects|spurns|weighs|considers) (?:an? )?(?:takeover |buyout )?(?:offer|bid|approach) from)\b/i;
const ACTIVE_DEAL_RE =
  /\b(?:to acquire|acquires|acquired|acquiring|agrees? to (?:buy|acquire|purchase)|to buy|buys|bought|bids? for|offers? to (?:buy|acquire)|makes? (?:an? )?(?:\$[\d.,]+\s?(?:billion|bln|bn|million|mln|m|b)? )?(?:offer|bid|approach) for|in (?:advanced )?talks to (?:buy|acquire)|completes? (?:the |its )?(?:acquisition|purchase) of|(?:takeover|acquisition|purchase|buyout) of|to take over|takes over|to purchase|purchases|snaps up|scoops up|nears deal (?:for|to buy)|explores (?:a )?(?:bid|offer) for)\b/i;
const MERGER_RE = /\b(?:to merge|agree to merge|merger of|merge in|in merger talks|all-stock merger)\b/i;
const LEAD_TAGS_RE = /^(?:\s*\$[A-Za-z.]{1,8}[\s,]*)+/;
const COORDINATED_RE = /^(?:\s*(?:group|inc|corp|corporation|co|holdings|ltd|plc)\b\.?)?[\s,&/]*(?:and\s+)?[\s,&/]*$/i;
const PEER_RE = /\b(?:peers?|rivals?|competitors?|such as|including|sympathy|along with|like)\b/i;

function rolesFromDeal(text: string, mentions: readonly Mention[]): Map<string, RoleAssignment> | null {
  const passive = PASSIVE_DEAL_RE.exec(text);
  const active = passive ? null : ACTIVE_DEAL_RE.exec(text);
  const m = passive ?? active;
  const out = new Map<string, RoleAssignment>();
  if (m) {
    const before = mentions.filter((x) => x.start >= 0 && x.end <= m.index);
    const after = mentions.filter((x) => x.start >= m.index + m[0].length);
    if (before.length === 0 && after.length === 0) return null;
    // The company named right before the verb, and the first one after it.
    const left = before[before.length - 1];
    const right = after[0];
    if (left) out.set(left.symbol, { role: passive ? 'target' : 'acquirer', phrase: m[0] });
    if (right && right.symbol !== left?.symbol) out.set(right.symbol, { role: passive ? 'acquirer' : 'target', phrase: m[0] });
    return out.size ? out : null;
  }
  const merger = MERGER_RE.exec(text);
  if (!merger) return null;
  for (const x of mentions) if (x.start >= 0) out.set(x.symbol, { role: 'subject', phrase: merger[0] });
  return out.size ? out : null;
}

/** A mention inside a span of the text. */
function within(x: Mention, span: { start: number; end: number }): boolean {
  return x.start >= span.start && x.end <= span.end;
}

/**
 * Assigns each linked company its role. Analyst actions give their subject (and mark the firm), deals
 * give acquirer and target, words like "peers" and "rivals" mark peers; otherwise the first company
 * named is the subject and the others are mentioned.
 */
export function assignRoles(text: string, links: readonly TickerLink[], mentions: readonly Mention[], actions: readonly AnalystAction[]): Map<string, RoleAssignment> {
  const roles = new Map<string, RoleAssignment>();
  for (const a of actions) {
    for (const x of mentions) {
      if (a.subject && within(x, a.subject)) roles.set(x.symbol, { role: 'subject', phrase: a.phrase, action: a });
      else if (a.firm && !roles.has(x.symbol) && text.slice(x.start, x.end) && a.firm.includes(text.slice(x.start, x.end))) roles.set(x.symbol, { role: 'mentioned', phrase: a.firm, firm: true });
    }
  }
  // An action without a named subject ("$ESS: BTIG cuts to Neutral") is about the item's own company.
  const unnamed = actions.find((a) => a.subject === null || !mentions.some((x) => within(x, a.subject!)));
  if (!roles.size || !actions.length) {
    const deal = rolesFromDeal(text, mentions);
    if (deal) for (const [s, r] of deal) roles.set(s, r);
  }
  const peer = PEER_RE.exec(text);
  const ordered = [...mentions].filter((x) => x.start >= 0).sort((a, b) => a.start - b.start);
  const hasSubject = [...roles.values()].some((r) => r.role !== 'mentioned');
  // "$CCL $RCL - Nomura sees weak bookings": every leading cashtag is a subject.
  const lead = LEAD_TAGS_RE.exec(text)?.[0].length ?? 0;
  let first = true;
  for (const x of ordered) {
    if (roles.has(x.symbol)) continue;
    if (!hasSubject && x.end <= lead) {
      roles.set(x.symbol, unnamed ? { role: 'subject', phrase: unnamed.phrase, action: unnamed } : { role: 'subject', phrase: '' });
      first = false;
      continue;
    }
    const prevMention = ordered[ordered.indexOf(x) - 1];
    // "Microsoft and Oracle announce", "American Airlines and United Airlines cut": listed with the subject, a subject too.
    const listed = prevMention !== undefined && roles.get(prevMention.symbol)?.role === 'subject' && COORDINATED_RE.test(text.slice(prevMention.end, x.start));
    if (peer && x.start > peer.index && !first) roles.set(x.symbol, { role: 'peer', phrase: peer[0] });
    else if (listed && !hasSubject) roles.set(x.symbol, roles.get(prevMention.symbol)!);
    else if (first && !hasSubject) roles.set(x.symbol, unnamed ? { role: 'subject', phrase: unnamed.phrase, action: unnamed } : { role: 'subject', phrase: '' });
    else roles.set(x.symbol, { role: 'mentioned', phrase: '' });
    first = false;
  }
  // Tickers only the source gave: the item's subject when the text names no other subject.
  const taken = [...roles.values()].some((r) => r.role !== 'mentioned' && r.role !== 'peer');
  for (const l of links) {
    if (roles.has(l.symbol)) continue;
    roles.set(l.symbol, taken ? { role: 'mentioned', phrase: '' } : unnamed ? { role: 'subject', phrase: unnamed.phrase, action: unnamed } : { role: 'subject', phrase: '' });
  }
  return roles;
}
