import { textWidth } from './format.js';
import type { ScaleContinuousNumeric } from 'd3-scale';
import { html, join, px, svg, trusted, type Html } from './html.js';

/** The palette (Okabe & Ito, safe for colour-blind readers) and the marks' meanings. */
export const COLORS = {
  primary: '#0072B2',
  success: '#009E73',
  failure: '#D55E00',
  detect: '#E69F00',
  accent: '#CC79A7',
  sky: '#56B4E9',
  ink: '#1f2328',
  muted: '#59636e',
  grid: '#e4e7eb',
  axis: '#8c959f',
} as const;

/** Font size of tick labels, in SVG units. */
export const TICK_FONT = 11;
/** Font size of axis titles and row labels. */
export const LABEL_FONT = 12;

export interface Margin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** The plotting area of a chart of `width` × `height` with `margin`. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly margin: Margin;
  readonly innerWidth: number;
  readonly innerHeight: number;
}

export function frame(width: number, height: number, margin: Margin): Frame {
  return { width, height, margin, innerWidth: width - margin.left - margin.right, innerHeight: height - margin.top - margin.bottom };
}

let idCounter = 0;

/** Ids unique within one rendered page (reset per page by {@link resetIds}). */
export function nextId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export function resetIds(): void {
  idCounter = 0;
}

/**
 * An accessible `<svg>` with a `<title>` and `<desc>` (read by screen readers and shown
 * as a tooltip), sized by its viewBox so it scales with the page.
 */
export function svgRoot(f: Frame, kind: string, title: string, description: string, content: Html): Html {
  const id = nextId(kind);
  return svg`<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" data-chart="${kind}" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-labelledby="${id}-t ${id}-d" font-size="${TICK_FONT}"><title id="${id}-t">${title}</title><desc id="${id}-d">${description}</desc>${trusted(roundGeometry(content.value))}</svg>`;
}

/** Attributes that hold only coordinates (never text from the data). */
const GEOMETRY = /\b(x|y|x1|x2|y1|y2|cx|cy|width|height|d|transform)="([^"]*)"/g;

/** Rounds the coordinates in geometry attributes to 0.01 px: smaller, stable markup. */
function roundGeometry(markup: string): string {
  return markup.replace(GEOMETRY, (_match, name: string, value: string) => {
    const rounded = value.replace(/-?\d+\.\d{3,}(?:e-?\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100));
    return `${name}="${rounded}"`;
  });
}

export interface AxisOptions {
  readonly ticks?: number;
  readonly format?: (value: number) => string;
  /** The axis title, with its unit. */
  readonly label: string;
  /** Draw grid lines across the plot. */
  readonly grid?: boolean;
  /** The ticks to draw, instead of the scale's own. */
  readonly tickValues?: readonly number[];
}

/** An x axis along the bottom of the plot area, ticks from the d3 scale. */
export function axisBottom(scale: ScaleContinuousNumeric<number, number>, f: Frame, options: AxisOptions): Html {
  const y = f.margin.top + f.innerHeight;
  const ticks = options.tickValues ?? scale.ticks(options.ticks ?? 6);
  const format = options.format ?? scale.tickFormat(options.ticks ?? 6);
  const parts = ticks.map((t) => {
    const x = px(f.margin.left + scale(t));
    return svg`${options.grid === true ? svg`<line class="grid" x1="${x}" x2="${x}" y1="${f.margin.top}" y2="${y}" stroke="${COLORS.grid}"/>` : ''}<line x1="${x}" x2="${x}" y1="${y}" y2="${y + 5}" stroke="${COLORS.axis}"/><text x="${x}" y="${y + 17}" text-anchor="middle" fill="${COLORS.muted}">${format(t)}</text>`;
  });
  return svg`<g class="axis axis-x">${join(parts)}<line x1="${f.margin.left}" x2="${f.margin.left + f.innerWidth}" y1="${y}" y2="${y}" stroke="${COLORS.axis}"/><text class="axis-title" x="${px(f.margin.left + f.innerWidth / 2)}" y="${y + 34}" text-anchor="middle" font-size="${LABEL_FONT}" fill="${COLORS.ink}">${options.label}</text></g>`;
}

/** A y axis along the left of the plot area. */
export function axisLeft(scale: ScaleContinuousNumeric<number, number>, f: Frame, options: AxisOptions): Html {
  const x = f.margin.left;
  const ticks = scale.ticks(options.ticks ?? 5);
  const format = options.format ?? scale.tickFormat(options.ticks ?? 5);
  const parts = ticks.map((t) => {
    const y = px(f.margin.top + scale(t));
    return svg`${options.grid === true ? svg`<line class="grid" x1="${x}" x2="${x + f.innerWidth}" y1="${y}" y2="${y}" stroke="${COLORS.grid}"/>` : ''}<line x1="${x - 5}" x2="${x}" y1="${y}" y2="${y}" stroke="${COLORS.axis}"/><text x="${x - 8}" y="${y}" dy="0.32em" text-anchor="end" fill="${COLORS.muted}">${format(t)}</text>`;
  });
  const cy = px(f.margin.top + f.innerHeight / 2);
  return svg`<g class="axis axis-y">${join(parts)}<line x1="${x}" x2="${x}" y1="${f.margin.top}" y2="${f.margin.top + f.innerHeight}" stroke="${COLORS.axis}"/><text class="axis-title" transform="translate(${x - 42} ${cy}) rotate(-90)" text-anchor="middle" font-size="${LABEL_FONT}" fill="${COLORS.ink}">${options.label}</text></g>`;
}

/** The left margin of a chart with row labels is at most this wide, px. */
const MAX_LABEL_MARGIN = 190;
/** Room between a row label and the plot, px. */
const LABEL_GAP = 14;

/** `text`, shortened with an ellipsis until it is at most `width` px wide at `fontSize`. */
export function fitText(text: string, width: number, fontSize = LABEL_FONT): string {
  let fitted = text;
  while (fitted.length > 2 && textWidth(fitted, fontSize) > width) fitted = `${fitted.slice(0, -2)}\u2026`;
  return fitted;
}

/** The left margin for these row labels: the widest (shortened to fit) plus room, 70 to 190 px. */
export function labelMargin(names: readonly string[]): number {
  const room = MAX_LABEL_MARGIN - LABEL_GAP;
  return Math.min(MAX_LABEL_MARGIN, Math.max(70, ...names.map((n) => textWidth(fitText(n, room), LABEL_FONT) + LABEL_GAP)));
}

/** A row label ending `gap` px left of the plot (a chart of left margin `margin`), shortened to fit, in full in its tooltip. */
export function rowLabel(margin: number, y: number, name: string, gap = 10): Html {
  return svg`<text class="row-label" x="${margin - gap}" y="${px(y)}" dy="0.32em" text-anchor="end" font-size="${LABEL_FONT}" fill="${COLORS.ink}">${fitText(name, margin - gap - 2)}<title>${name}</title></text>`;
}

/** One entry of a legend: a swatch drawn by `mark` at its centre, and a label. */
export interface LegendEntry {
  readonly label: string;
  readonly mark: (cx: number, cy: number) => Html;
}

/** Height of one legend row, px. */
export const LEGEND_ROW = 15;
const SWATCH = 16;
const GAP = 10;

/**
 * The entries in rows that fit `width`, each label shortened (with an ellipsis) only
 * when it does not fit a row alone.
 */
export function legendRows(entries: readonly LegendEntry[], width: number): { entry: LegendEntry; label: string; width: number }[][] {
  const rows: { entry: LegendEntry; label: string; width: number }[][] = [[]];
  let used = 0;
  for (const entry of entries) {
    let label = entry.label;
    while (label.length > 4 && SWATCH + textWidth(label, TICK_FONT) > width) label = `${label.slice(0, -2)}\u2026`;
    const w = SWATCH + textWidth(label, TICK_FONT);
    const row = rows[rows.length - 1] as { entry: LegendEntry; label: string; width: number }[];
    if (row.length > 0 && used + GAP + w > width) {
      rows.push([{ entry, label, width: w }]);
      used = w;
    } else {
      row.push({ entry, label, width: w });
      used += (row.length > 1 ? GAP : 0) + w;
    }
  }
  return rows;
}

/**
 * A legend from `(x, y)`: a swatch and a label per entry, in as many rows of
 * {@link LEGEND_ROW} px as it takes to stay within `width`.
 */
export function legend(x: number, y: number, entries: readonly LegendEntry[], width = Infinity): Html {
  const parts = legendRows(entries, width).flatMap((row, r) => {
    let cursor = x;
    const cy = y + r * LEGEND_ROW;
    return row.map(({ entry, label, width: w }) => {
      const part = svg`<g class="legend-entry">${entry.mark(cursor + 6, cy)}<text x="${px(cursor + SWATCH)}" y="${cy}" dy="0.32em" fill="${COLORS.ink}">${label}${label === entry.label ? '' : svg`<title>${entry.label}</title>`}</text></g>`;
      cursor += w + GAP;
      return part;
    });
  });
  return html`<g class="legend">${join(parts)}</g>`;
}
