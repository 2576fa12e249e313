import type { Token } from './tokens.ts';

/** A phrase found in a token list: tokens `[from, to)` matched the entry's data. */
export interface PhraseMatch<T> {
  from: number;
  to: number;
  data: T;
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  data: T | undefined;
}

/** A word trie over token keys; phrases never span a clause boundary. */
export interface PhraseIndex<T> {
  /** The longest phrase starting at token `i`, or null. */
  matchAt(tokens: readonly Token[], i: number): PhraseMatch<T> | null;
  /** Every longest, non-overlapping phrase, scanning left to right. */
  matchAll(tokens: readonly Token[]): PhraseMatch<T>[];
  readonly size: number;
}

/**
 * Expands the pattern notation of the phrase tables: phrases separated by `|`, and within a phrase, a
 * slot's alternative words separated by `/`. So `beats|weigh/weighs on` is three phrases.
 */
export function expandPattern(pattern: string): string[][] {
  return pattern
    .toLowerCase()
    .split('|')
    .flatMap((phrase) => {
      let acc: string[][] = [[]];
      for (const slot of phrase.trim().split(/\s+/)) {
        const alts = slot.split('/');
        acc = acc.flatMap((prefix) => alts.map((a) => [...prefix, a]));
      }
      return acc;
    });
}

/** Regular inflections of a verb or noun (`jump` → jumps, jumped, jumping), plus any irregular forms given. */
export function wordForms(base: string, ...irregular: string[]): string[] {
  const forms = [base, ...irregular];
  if (base.endsWith('e')) forms.push(`${base}s`, `${base}d`, `${base.slice(0, -1)}ing`);
  else if (/[^aeiou]y$/.test(base)) forms.push(`${base.slice(0, -1)}ies`, `${base.slice(0, -1)}ied`, `${base}ing`);
  else if (/(s|sh|ch|x|z)$/.test(base)) forms.push(`${base}es`, `${base}ed`, `${base}ing`);
  else forms.push(`${base}s`, `${base}ed`, `${base}ing`);
  return forms;
}

/**
 * Builds a phrase index from (pattern, data) pairs. When two patterns expand to the same phrase the
 * later one wins, so a table can override a general entry with a specific one.
 */
export function buildPhraseIndex<T>(entries: Iterable<readonly [string, T]>): PhraseIndex<T> {
  const root: TrieNode<T> = { next: new Map(), data: undefined };
  let size = 0;
  for (const [pattern, data] of entries) {
    const plain = !pattern.includes('|') && !pattern.includes('/');
    for (const words of plain ? [pattern.toLowerCase().split(' ')] : expandPattern(pattern)) {
      let node = root;
      for (const w of words) {
        let child = node.next.get(w);
        if (!child) {
          child = { next: new Map(), data: undefined };
          node.next.set(w, child);
        }
        node = child;
      }
      if (node.data === undefined) size += 1;
      node.data = data;
    }
  }

  function matchAt(tokens: readonly Token[], i: number): PhraseMatch<T> | null {
    const first = tokens[i];
    if (!first) return null;
    let node = root.next.get(first.key);
    let best: PhraseMatch<T> | null = null;
    let j = i;
    while (node) {
      j += 1;
      if (node.data !== undefined) best = { from: i, to: j, data: node.data };
      const t = tokens[j];
      if (!t || t.clause !== first.clause) break;
      node = node.next.get(t.key);
    }
    return best;
  }

  function matchAll(tokens: readonly Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const m = matchAt(tokens, i);
      if (m) {
        out.push(m);
        i = m.to;
      } else i += 1;
    }
    return out;
  }

  return { matchAt, matchAll, size };
}
