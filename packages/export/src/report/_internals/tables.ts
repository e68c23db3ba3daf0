import { wilsonInterval, type Interval } from '@chaos/metrics';
import { fixed1, interval, NONE, percent } from './format.js';
import { html, type Html, type HtmlValue } from './html.js';

/**
 * The report's tables: one markup for all of them (a scrolling box, a named table, a
 * header row) and the cells more than one section writes.
 */

/** A column heading: text for a column of names, `{ num }` for a right-aligned column of figures. */
export type Heading = string | { readonly num: string };

/** A table named `data-table="<name>"`, its headings, and its rows (each a `<tr>`). */
export function dataTable(name: string, headings: readonly Heading[], rows: readonly Html[]): Html {
  const head = headings.map((h) => (typeof h === 'string' ? html`<th>${h}</th>` : html`<th class="num">${h.num}</th>`));
  return html`<div class="scroll"><table data-table="${name}"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** A right-aligned cell holding a figure. */
export function numCell(value: HtmlValue): Html {
  return html`<td class="num">${value}</td>`;
}

/** A rate `k / n` as a cell: the percentage, and under it the counts and the 95 % Wilson interval. */
export function rateCell(k: number, n: number): Html {
  if (n === 0) return numCell(NONE);
  const ci = wilsonInterval(k, n) as Interval;
  return html`<td class="num">${percent((100 * k) / n)}<span class="sub">${k}/${n} · ${interval(ci, (v) => fixed1(v))}</span></td>`;
}
