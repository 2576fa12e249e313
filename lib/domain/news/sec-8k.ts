import type { CatalystType } from './catalyst-rules.ts';

/** What an SEC Form 8-K item says about the filer, as a catalyst (null: read the text instead). */
export interface SecItemCatalyst {
  item: string;
  title: string;
  type: CatalystType | null;
  /** Confidence in [0, 1] that the item is that catalyst. */
  confidence: number;
}

// Item numbers and titles follow the SEC's Form 8-K instructions. 7.01 (Regulation FD) and 8.01 (other
// events) are press releases about anything: their text decides the catalyst.
const ITEMS: Record<string, [string, CatalystType | null, number]> = {
  '1.01': ['Entry into a material definitive agreement', 'contract-partnership', 0.8],
  '1.02': ['Termination of a material definitive agreement', 'contract-partnership', 0.7],
  '1.03': ['Bankruptcy or receivership', 'legal-regulatory', 1],
  '2.01': ['Completion of acquisition or disposition of assets', 'merger-acquisition', 0.9],
  '2.02': ['Results of operations and financial condition', 'earnings', 0.95],
  '2.05': ['Costs associated with exit or disposal activities', null, 0],
  '2.06': ['Material impairments', 'earnings', 0.6],
  '3.01': ['Notice of delisting or failure to satisfy a listing rule', 'legal-regulatory', 0.9],
  '3.02': ['Unregistered sales of equity securities', 'offering-dilution', 0.95],
  '3.03': ['Material modification to rights of security holders', 'offering-dilution', 0.5],
  '4.01': ["Changes in registrant's certifying accountant", 'legal-regulatory', 0.6],
  '4.02': ['Non-reliance on previously issued financial statements', 'legal-regulatory', 0.95],
  '5.01': ['Changes in control of registrant', 'merger-acquisition', 0.9],
  '5.02': ['Departure or appointment of directors or certain officers', 'executive-change', 0.95],
  '5.03': ['Amendments to articles of incorporation or bylaws', null, 0],
  '5.07': ['Submission of matters to a vote of security holders', null, 0],
  '7.01': ['Regulation FD disclosure', null, 0],
  '8.01': ['Other events', null, 0],
  '9.01': ['Financial statements and exhibits', null, 0],
};

const ITEM_RE = /\bitems?\s+(\d\.\d{2})\b/gi;
const CODE_RE = /\b(\d\.\d{2})\b/g;
/** The NewsItem.meta keys a source may use for its 8-K item codes (an array of codes or one string). */
export const SEC_ITEM_META_KEYS = ['items', 'itemCodes', 'secItems'] as const;

/** The 8-K item codes of a news item: from `meta.items` (or itemCodes, secItems) and "Item 2.02" in the text. */
export function secItemCodes(meta: Record<string, unknown> | undefined, text: string): string[] {
  const codes = new Set<string>();
  for (const key of meta ? SEC_ITEM_META_KEYS : []) {
    const v = meta?.[key];
    const parts = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
    for (const p of parts) for (const m of p.matchAll(CODE_RE)) codes.add(m[1]!);
  }
  if (/item/i.test(text)) for (const m of text.matchAll(ITEM_RE)) codes.add(m[1]!);
  return [...codes].sort();
}

/** Maps one 8-K item code to its catalyst; an unknown code maps to null. */
export function secItemCatalyst(code: string): SecItemCatalyst | null {
  const row = ITEMS[code];
  return row ? { item: code, title: row[0], type: row[1], confidence: row[2] } : null;
}
