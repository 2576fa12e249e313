import * as z from 'zod/mini';
import type { EpochMs } from '../../domain/time.ts';
import type { NewsBatch, SkippedNewsItem } from '../../ports/news-source.port.ts';
import { AppError } from '../../shared/errors.ts';
import { decodeEntities, parseZonedDate, uniqueSymbols } from './feed-text.ts';
import { AtomLink, XmlText, alternateHref, parseXmlDocument, textOf } from './feed-xml.ts';
import { buildNewsItem, isHttpUrl, issuesReason, REPORT, skip } from './news-item.build.ts';

export const SEC_EDGAR_SOURCE = 'sec-edgar';

const EdgarFeed = z.object({ feed: z.object({ entry: z.optional(z.array(z.unknown())) }) });

/** One `<entry>` of browse-edgar?action=getcurrent&output=atom. */
const EdgarEntry = z.object({
  title: XmlText,
  link: z.array(AtomLink).check(z.minLength(1)),
  summary: z.optional(XmlText),
  updated: z.string(),
  id: z.string(),
});

// "8-K - APPLE INC (0000320193) (Filer)": form, company, 10-digit CIK, the company's role in the filing.
const TITLE = /^(\S+)\s+-\s+(.+?)\s+\((\d{10})\)\s+\(([^)]+)\)$/;
const ACCESSION = /accession-number=(\d{10}-\d{2}-\d{6})$/;
const ITEM = /Item\s+(\d{1,2}\.\d{2})\s*:\s*([^<]*)/g;
const FILED = /Filed:\s*(?:<\/b>)?\s*(\d{4}-\d{2}-\d{2})/;

interface Filing {
  accession: string;
  form: string;
  company: string;
  cik: string;
  role: string;
  accepted: EpochMs;
  url: string;
  filedDate: string | null;
  items: { code: string; title: string }[];
}

/** The raw entries of one feed page; DATA_INVALID when the document is not an Atom feed. */
export function readEdgarFeed(xml: string): unknown[] {
  const doc = EdgarFeed.safeParse(parseXmlDocument(SEC_EDGAR_SOURCE, xml), REPORT);
  if (!doc.success) throw new AppError('DATA_INVALID', `${SEC_EDGAR_SOURCE}: not an Atom feed (${issuesReason(doc.error.issues)})`);
  return doc.data.feed.entry ?? [];
}

/** The earliest readable `<updated>` of a page (to know whether an older page is needed), or null. */
export function oldestUpdated(entries: readonly unknown[]): EpochMs | null {
  let oldest: EpochMs | null = null;
  for (const e of entries) {
    const u = (e as { updated?: unknown } | null)?.updated;
    const t = typeof u === 'string' ? parseZonedDate(u) : null;
    if (t !== null && (oldest === null || t < oldest)) oldest = t;
  }
  return oldest;
}

function readEntry(raw: unknown): Filing | SkippedNewsItem {
  const rawId = (raw as { id?: unknown } | null)?.id;
  const accession = typeof rawId === 'string' ? (ACCESSION.exec(rawId)?.[1] ?? null) : null;
  const parsed = EdgarEntry.safeParse(raw, REPORT);
  if (!parsed.success) return skip(SEC_EDGAR_SOURCE, accession, issuesReason(parsed.error.issues));
  const e = parsed.data;
  if (accession === null) return skip(SEC_EDGAR_SOURCE, null, 'id: expected urn:tag:sec.gov,2008:accession-number=##########-##-######');
  const title = TITLE.exec(textOf(e.title).trim());
  if (!title) return skip(SEC_EDGAR_SOURCE, accession, 'title: expected "FORM - COMPANY (CIK) (ROLE)"');
  const [, form, company, cik, role] = title as unknown as [string, string, string, string, string];
  if (!/^8-K/.test(form)) return skip(SEC_EDGAR_SOURCE, accession, `title: form ${form} is not an 8-K`);
  const accepted = parseZonedDate(e.updated);
  if (accepted === null) return skip(SEC_EDGAR_SOURCE, accession, 'updated: expected a date and time with its zone');
  const url = alternateHref(e.link);
  if (url === null || !isHttpUrl(url)) return skip(SEC_EDGAR_SOURCE, accession, 'link: expected the filing index URL');
  const summary = textOf(e.summary);
  const items = [...summary.matchAll(ITEM)].map((m) => ({ code: m[1]!, title: decodeEntities(m[2]!).replace(/\s+/g, ' ').trim() }));
  return { accession, form, company: decodeEntities(company), cik, role, accepted, url, filedDate: FILED.exec(summary)?.[1] ?? null, items };
}

/**
 * Maps feed entries to one NewsItem per filing (accession number): a filing listed once per company
 * (co-registrants, subject companies) becomes one item with every company's tickers. `tickersByCik` is
 * keyed by the 10-digit CIK; a company without a listed ticker gives none.
 */
export function mapEdgarEntries(entries: readonly unknown[], tickersByCik: ReadonlyMap<string, readonly string[]>, receivedAt: EpochMs): NewsBatch {
  const skipped: SkippedNewsItem[] = [];
  const filings = new Map<string, Filing[]>();
  for (const raw of entries) {
    const f = readEntry(raw);
    if ('reason' in f) skipped.push(f);
    else filings.set(f.accession, [...(filings.get(f.accession) ?? []), f]);
  }
  const items = [...filings.values()].map((parts) => {
    const f = parts[0]!;
    const ciks = [...new Set(parts.map((p) => p.cik))];
    const itemText = f.items.map((i) => `Item ${i.code}: ${i.title}`);
    return buildNewsItem(SEC_EDGAR_SOURCE, receivedAt, {
      sourceId: f.accession,
      // <updated> is the acceptance time; an amendment is a new accession, so a filing has one version.
      version: f.accepted,
      publishedAt: f.accepted,
      headline: f.items.length ? `${f.form} ${f.company}: ${f.items.map((i) => `Item ${i.code} ${i.title}`).join('; ')}` : `${f.form} ${f.company}`,
      summary: [f.filedDate ? `Filed ${f.filedDate}.` : '', itemText.join('; ')].filter(Boolean).join(' '),
      url: f.url,
      symbols: uniqueSymbols(ciks.flatMap((c) => tickersByCik.get(c) ?? [])),
      meta: {
        form: f.form,
        accessionNumber: f.accession,
        company: f.company,
        cik: f.cik,
        ciks,
        roles: parts.map((p) => `${p.cik} ${p.role}`),
        filedDate: f.filedDate,
        items: f.items.map((i) => i.code),
        itemTitles: f.items.map((i) => i.title),
      },
    });
  });
  return { items, skipped };
}
