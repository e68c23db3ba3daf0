import type { ScaleLinear } from 'd3-scale';
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
}

/** An x axis along the bottom of the plot area, ticks from the d3 scale. */
export function axisBottom(scale: ScaleLinear<number, number>, f: Frame, options: AxisOptions): Html {
  const y = f.margin.top + f.innerHeight;
  const ticks = scale.ticks(options.ticks ?? 6);
  const format = options.format ?? scale.tickFormat(options.ticks ?? 6);
  const parts = ticks.map((t) => {
    const x = px(f.margin.left + scale(t));
    return svg`${options.grid === true ? svg`<line class="grid" x1="${x}" x2="${x}" y1="${f.margin.top}" y2="${y}" stroke="${COLORS.grid}"/>` : ''}<line x1="${x}" x2="${x}" y1="${y}" y2="${y + 5}" stroke="${COLORS.axis}"/><text x="${x}" y="${y + 17}" text-anchor="middle" fill="${COLORS.muted}">${format(t)}</text>`;
  });
  return svg`<g class="axis axis-x">${join(parts)}<line x1="${f.margin.left}" x2="${f.margin.left + f.innerWidth}" y1="${y}" y2="${y}" stroke="${COLORS.axis}"/><text class="axis-title" x="${px(f.margin.left + f.innerWidth / 2)}" y="${y + 34}" text-anchor="middle" font-size="${LABEL_FONT}" fill="${COLORS.ink}">${options.label}</text></g>`;
}

/** A y axis along the left of the plot area. */
export function axisLeft(scale: ScaleLinear<number, number>, f: Frame, options: AxisOptions): Html {
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

/** A horizontal legend: a swatch (drawn by `mark`) and a label per entry. */
export function legend(x: number, y: number, entries: readonly { readonly label: string; readonly mark: (cx: number, cy: number) => Html }[]): Html {
  let cursor = x;
  const parts = entries.map((entry) => {
    const part = svg`<g class="legend-entry">${entry.mark(cursor + 6, y)}<text x="${cursor + 16}" y="${y}" dy="0.32em" fill="${COLORS.ink}">${entry.label}</text></g>`;
    cursor += 26 + entry.label.length * TICK_FONT * 0.56;
    return part;
  });
  return html`<g class="legend">${join(parts)}</g>`;
}
