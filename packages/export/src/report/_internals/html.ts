/**
 * HTML built from tagged templates that escape every interpolated value, so a scenario
 * named `<script>` is text, never markup. Only {@link Html} values (made by `html`,
 * `svg` or {@link trusted}) pass through unescaped.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML and SVG content and for double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Markup that is already safe. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), numbers, markup, lists of those; `null`, `undefined` and `false` render nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('');
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return escapeHtml(value as string);
}

/** `html\`<p>${name}</p>\``: every `${…}` escaped unless it is {@link Html}. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + (strings[i + 1] as string);
  return new Html(out);
}

/** The same tag, for SVG fragments (SVG inside HTML escapes the same way). */
export const svg = html;

/** Marks a string produced by trusted code (CSS, a d3 path) as markup. Never pass user text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** Joins fragments. */
export function join(parts: readonly HtmlValue[], separator = ''): Html {
  return new Html(parts.map((p) => render(p)).join(separator));
}

/** A number for an SVG attribute: rounded to 0.01 px, so the markup stays small and stable. */
export function px(value: number): number {
  return Math.round(value * 100) / 100;
}
