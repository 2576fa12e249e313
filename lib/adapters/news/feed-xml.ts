import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as z from 'zod/mini';
import { AppError } from '../../shared/errors.ts';

// Elements that may repeat are always arrays, so one entry and many entries have the same shape.
const REPEATED = new Set(['entry', 'item', 'link', 'category']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Values stay text: a CIK or a numeric guid must not turn into a number and lose its leading zeros.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

/** Parses a feed document; text that is not well-formed XML is a DATA_INVALID response. */
export function parseXmlDocument(source: string, xml: string): unknown {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new AppError('DATA_INVALID', `${source}: the response is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  try {
    return parser.parse(xml) as unknown;
  } catch (e) {
    throw new AppError('DATA_INVALID', `${source}: the XML could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** An element with text content: plain text, or text with attributes (`type="html"`), or empty. */
export const XmlText = z.union([z.string(), z.object({ '#text': z.optional(z.string()) })]);
export type XmlText = z.infer<typeof XmlText>;

/** The text of an element parsed with XmlText ('' when it is empty). */
export function textOf(node: XmlText | undefined): string {
  if (node === undefined) return '';
  return typeof node === 'string' ? node : (node['#text'] ?? '');
}

/** An Atom `<link>`: where it points and what it is to the entry. */
export const AtomLink = z.object({ '@_href': z.string(), '@_rel': z.optional(z.string()) });

/** The entry's own page: the `alternate` link, or a link with no `rel` (which means alternate). */
export function alternateHref(links: readonly z.infer<typeof AtomLink>[]): string | null {
  const link = links.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate');
  return link ? link['@_href'] : null;
}
