// Small render helpers: every value reaches the page as text (headlines come from outside: never innerHTML).

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined | ((e: Event) => void);

/** Creates an element: `on*` attributes become listeners, `true` becomes an empty attribute, falsy ones are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, AttrValue> | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false && v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's content. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A titled block of a page. */
export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}

export function badge(text: string, tone: 'good' | 'bad' | 'warn' | 'info' | 'muted' = 'muted', title?: string): HTMLElement {
  return h('span', { class: `badge ${tone}`, title }, text);
}

/** Definition list from label/value pairs (values already formatted). */
export function facts(pairs: [string, Child][]): HTMLElement {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}
