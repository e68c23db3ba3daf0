import { bin, quantileSorted } from 'd3-array';
import { scaleBand, scaleLinear, scaleLog, type ScaleContinuousNumeric, type ScaleLinear } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { secondsBare, textWidth } from './format.js';
import { html, join, px, svg, trusted, type Html } from './html.js';
import { axisBottom, axisLeft, COLORS, frame, labelMargin, legend, LEGEND_ROW, legendRows, rowLabel, svgRoot, TICK_FONT, type Frame, type LegendEntry } from './axes.js';

/** Type-7 quantile of an ascending sample. */
export function quantile(sorted: Float64Array, p: number): number {
  return quantileSorted(sorted as unknown as number[], p) as number;
}

/**
 * The x domain of recovery times: from 0 when the smallest time is within the spread
 * of the data from 0 (durations read best from 0), else from just below the smallest;
 * widened when every time is equal, so there is something to draw.
 */
export function timeDomain(min: number, max: number): [number, number] {
  if (max <= min) {
    const pad = Math.max(Math.abs(max) * 0.1, 0.5);
    return [Math.max(0, min - pad), max + pad];
  }
  const spread = max - min;
  const low = min <= spread ? 0 : min - spread * 0.1;
  return [low, max];
}

/** Ticks on a time axis; the domain is made nice for the same count, so it ends on a tick. */
const TIME_TICKS = 6;

function timeScale(domain: [number, number], width: number): ScaleLinear<number, number> {
  return scaleLinear().domain(domain).range([0, width]).nice(TIME_TICKS);
}

/** A vertical dashed reference line (median, P95) with a label at the top. */
function referenceLine(x: number, f: Frame, label: string, className: string, row = 0): Html {
  const xx = px(x);
  // A label that would run past the chart's right edge goes on the left of its line.
  const flip = xx + 3 + textWidth(label, TICK_FONT - 1) > f.width - 2;
  return svg`<g class="${className}"><line x1="${xx}" x2="${xx}" y1="${f.margin.top}" y2="${f.margin.top + f.innerHeight}" stroke="${COLORS.ink}" stroke-dasharray="4 3" stroke-width="1"/><text x="${flip ? xx - 3 : xx + 3}" y="${f.margin.top + 10 + row * 12}"${trusted(flip ? ' text-anchor="end"' : '')} fill="${COLORS.ink}" font-size="${TICK_FONT - 1}" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${label}</text></g>`;
}

/**
 * Histogram of recovery times: d3-array's `bin` with thresholds at round values over
 * the data's range (d3's ticks for about Sturges' number of bins, 5 to 30), median and
 * P95 marked.
 */
export function histogramChart(sorted: Float64Array, scenario: string): Html {
  const f = frame(440, 250, { top: 18, right: 14, bottom: 48, left: 56 });
  const n = sorted.length;
  const x = timeScale(timeDomain(sorted[0] as number, sorted[n - 1] as number), f.innerWidth);
  const binCount = Math.min(30, Math.max(5, Math.ceil(Math.log2(n)) + 1));
  const [d0, d1] = x.domain() as [number, number];
  const min = sorted[0] as number;
  const max = sorted[n - 1] as number;
  const thresholds = max > min ? scaleLinear().domain([min, max]).nice(binCount).ticks(binCount) : x.ticks(TIME_TICKS);
  const bins = bin()
    .domain([d0, d1])
    .thresholds(thresholds.filter((t) => t > d0 && t < d1))(Array.from(sorted));
  const maxCount = Math.max(1, ...bins.map((b) => b.length));
  const y = scaleLinear().domain([0, maxCount]).range([f.innerHeight, 0]).nice();
  const bars = bins
    .filter((b) => b.length > 0)
    .map((b) => {
      const x0 = f.margin.left + x(b.x0 as number);
      const x1 = f.margin.left + x(b.x1 as number);
      const top = f.margin.top + y(b.length);
      return svg`<rect class="bar" data-count="${b.length}" x="${px(x0 + 0.5)}" y="${px(top)}" width="${px(Math.max(1, x1 - x0 - 1))}" height="${px(f.margin.top + f.innerHeight - top)}" fill="${COLORS.primary}"><title>${secondsBare(b.x0 as number)}–${secondsBare(b.x1 as number)} s: ${b.length} ${b.length === 1 ? 'recovery' : 'recoveries'}</title></rect>`;
    });
  const median = quantile(sorted, 0.5);
  const p95 = quantile(sorted, 0.95);
  const content = svg`${axisLeft(y, f, { label: 'recoveries (count)', ticks: Math.min(5, maxCount), grid: true, format: (v) => String(v) })}${join(bars)}${axisBottom(x, f, { label: 'recovery time Δt (s)' })}${referenceLine(f.margin.left + x(median), f, 'median', 'ref-median')}${referenceLine(f.margin.left + x(p95), f, 'P95', 'ref-p95', 1)}`;
  return svgRoot(f, 'histogram', `Histogram of recovery times, ${scenario}`, `${n} successful recoveries; median ${secondsBare(median)} s, P95 ${secondsBare(p95)} s`, content);
}

/**
 * Points of an empirical CDF for a step curve: one point per distinct value, and only
 * the last of several values that fall in the same 0.5 px column, so a million
 * recoveries draw as a path of at most about twice the chart's width in points.
 */
export function ecdfPoints(sorted: Float64Array, x: (v: number) => number): [number, number][] {
  const n = sorted.length;
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const value = sorted[i] as number;
    const next = sorted[i + 1];
    if (next !== undefined && (next === value || Math.round(x(next) * 2) === Math.round(x(value) * 2))) continue;
    points.push([x(value), (i + 1) / n]);
  }
  return points;
}

export interface EcdfSeries {
  readonly label: string;
  readonly sorted: Float64Array;
  readonly color: string;
  readonly dash?: string;
}

/**
 * Empirical CDF of recovery times — the fraction of recoveries done within t — as a
 * step curve (d3-shape `line` with `curveStepAfter`), one curve per series.
 */
export function ecdfChart(series: readonly EcdfSeries[], title: string, options: { readonly markQuantiles?: boolean; readonly width?: number } = {}): Html {
  const width = options.width ?? 440;
  const entries: LegendEntry[] = series.map((s) => ({
    label: `${s.label} (n = ${s.sorted.length})`,
    mark: (cx: number, cy: number) =>
      svg`<line x1="${cx - 6}" x2="${cx + 6}" y1="${cy}" y2="${cy}" stroke="${s.color}" stroke-width="2"${s.dash === undefined ? '' : trusted(` stroke-dasharray="${s.dash}"`)}/>`,
  }));
  // The legend gets the width of the plot and as many rows as its labels need.
  const keyWidth = width - 56 - 14;
  const keyRows = series.length > 1 ? legendRows(entries, keyWidth).length : 0;
  const f = frame(width, 250 + Math.max(0, keyRows - 1) * LEGEND_ROW, { top: series.length > 1 ? 18 + keyRows * LEGEND_ROW : 18, right: 14, bottom: 48, left: 56 });
  const all = series.filter((s) => s.sorted.length > 0);
  const min = Math.min(...all.map((s) => s.sorted[0] as number));
  const max = Math.max(...all.map((s) => s.sorted[s.sorted.length - 1] as number));
  const x = timeScale(timeDomain(min, max), f.innerWidth);
  const y = scaleLinear().domain([0, 1]).range([f.innerHeight, 0]);
  const [d0, d1] = x.domain() as [number, number];
  const path = line<[number, number]>()
    .x((p) => f.margin.left + p[0])
    .y((p) => f.margin.top + y(p[1]))
    .curve(curveStepAfter);
  const curves = all.map((s) => {
    const points: [number, number][] = [[x(d0), 0], ...ecdfPoints(s.sorted, (v) => x(v)), [x(d1), 1]];
    const d = path(points) ?? '';
    return svg`<path class="ecdf" data-series="${s.label}" data-n="${s.sorted.length}" d="${trusted(d)}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash === undefined ? '' : trusted(` stroke-dasharray="${s.dash}"`)}/>`;
  });
  let marks: Html | string = '';
  const first = all[0];
  if ((options.markQuantiles ?? true) && all.length === 1 && first !== undefined) {
    const median = quantile(first.sorted, 0.5);
    const p95 = quantile(first.sorted, 0.95);
    marks = svg`${referenceLine(f.margin.left + x(median), f, 'median', 'ref-median')}${referenceLine(f.margin.left + x(p95), f, 'P95', 'ref-p95', 1)}`;
  }
  const key = series.length > 1 ? legend(f.margin.left, 12, entries, keyWidth) : '';
  const content = svg`${key}${axisLeft(y, f, { label: 'recovered within t', ticks: 5, grid: true, format: (v) => `${Math.round(v * 100)}%` })}${axisBottom(x, f, { label: 'recovery time t (s)', grid: true })}${join(curves)}${marks}`;
  return svgRoot(f, 'ecdf', title, `Empirical cumulative distribution of recovery times: ${all.map((s) => `${s.label}, ${s.sorted.length} recoveries`).join('; ')}`, content);
}

export interface BoxRow {
  readonly name: string;
  readonly sorted: Float64Array;
  /** MTTR-A, drawn as a diamond (it is a mean of run means, not the median). */
  readonly mttr: number | null;
  /**
   * The times of several scenarios together. A mixture has no meaningful Tukey fences
   * (one scenario's times would show as a smear of outliers of another's): its
   * whiskers span the whole range, and no outlier is drawn.
   */
  readonly pooled?: boolean;
}

/** At most this many outliers are drawn per row (after merging those in the same pixel). */
const MAX_OUTLIERS = 150;
/** The axis turns logarithmic when the largest scenario median is this many times the smallest. */
export const LOG_AXIS_SPREAD = 10;

/** The x axis of the box plot: linear, or logarithmic when scenarios differ tenfold. */
interface BoxAxis {
  readonly x: ScaleContinuousNumeric<number, number>;
  readonly log: boolean;
  readonly ticks: readonly number[] | undefined;
}

function boxAxis(rows: readonly BoxRow[], width: number): BoxAxis {
  const withData = rows.filter((r) => r.sorted.length > 0);
  const min = Math.min(...withData.map((r) => r.sorted[0] as number));
  const max = Math.max(...withData.map((r) => r.sorted[r.sorted.length - 1] as number), ...withData.map((r) => r.mttr ?? 0));
  const medians = withData.filter((r) => r.pooled !== true).map((r) => quantile(r.sorted, 0.5));
  const spread = Math.max(...medians) / Math.min(...medians);
  if (min > 0 && medians.length > 1 && spread >= LOG_AXIS_SPREAD) {
    // A little room either side; no `nice()`, which would round out to whole decades.
    const x = scaleLog().domain([min / 1.15, max * 1.15]).range([0, width]);
    // 1-2-5 ticks: every decade readable, no crowd of 3, 4, 6, 7, 8, 9.
    const ticks = x.ticks().filter((t) => /^[125]/.test(t.toExponential()));
    return { x, log: true, ticks };
  }
  return { x: timeScale(timeDomain(min, max), width), log: false, ticks: undefined };
}

/** Whisker ends: Tukey's 1.5 IQR (of the logarithms on a log axis), or the range of a pooled row. */
function whiskers(s: Float64Array, q1: number, q3: number, row: BoxRow, log: boolean): [number, number] {
  const first = s[0] as number;
  const last = s[s.length - 1] as number;
  if (row.pooled === true) return [first, last];
  const [low, high] = log && q1 > 0 ? [q1 / (q3 / q1) ** 1.5, q3 * (q3 / q1) ** 1.5] : [q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)];
  let lo = first;
  let hi = last;
  for (let k = 0; k < s.length; k++) if ((s[k] as number) >= low) { lo = s[k] as number; break; }
  for (let k = s.length - 1; k >= 0; k--) if ((s[k] as number) <= high) { hi = s[k] as number; break; }
  return [lo, hi];
}

/**
 * Box plots of recovery time, one row per scenario (and a pooled row): box from P25 to
 * P75 (type-7), the median, whiskers to the most extreme values within 1.5 IQR of the
 * box (Tukey), the values beyond as open circles, and MTTR-A as a diamond. When the
 * scenarios' medians differ tenfold or more the axis is logarithmic, so a 0.3 s and a
 * 7 s scenario both show their boxes.
 */
export function boxPlotChart(rows: readonly BoxRow[]): Html {
  const labelWidth = labelMargin(rows.map((r) => r.name));
  const rowHeight = 34;
  const f = frame(900, 64 + rows.length * rowHeight + 20, { top: 30, right: 70, bottom: 48, left: labelWidth });
  const { x, log, ticks } = boxAxis(rows, f.innerWidth);
  const band = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([0, f.innerHeight])
    .paddingInner(0.35)
    .paddingOuter(0.2);
  const h = band.bandwidth();
  const X = (v: number): number => px(f.margin.left + x(v));
  const parts = rows.map((row, i) => {
    const top = f.margin.top + (band(i) as number);
    const cy = px(top + h / 2);
    const label = rowLabel(f.margin.left, cy, row.name, 8);
    if (row.sorted.length === 0) {
      return svg`<g class="box-row" data-scenario="${row.name}" data-n="0">${label}<text class="no-data-mark" x="${f.margin.left + 6}" y="${cy}" dy="0.32em" fill="${COLORS.muted}" font-style="italic">no successful recoveries</text></g>`;
    }
    const s = row.sorted;
    const q1 = quantile(s, 0.25);
    const med = quantile(s, 0.5);
    const q3 = quantile(s, 0.75);
    const [lo, hi] = whiskers(s, q1, q3, row, log);
    const columns = new Set<number>();
    const outliers: Html[] = [];
    for (let k = 0; k < s.length && outliers.length < MAX_OUTLIERS; k++) {
      const v = s[k] as number;
      if (v >= lo && v <= hi) continue;
      const column = Math.round(x(v));
      if (columns.has(column)) continue;
      columns.add(column);
      outliers.push(svg`<circle class="outlier" cx="${X(v)}" cy="${cy}" r="2.5" fill="none" stroke="${COLORS.muted}"/>`);
    }
    const mttr =
      row.mttr === null
        ? ''
        : svg`<path class="mttr-mark" d="M${X(row.mttr)},${cy - 6}L${X(row.mttr) + 6},${cy}L${X(row.mttr)},${cy + 6}L${X(row.mttr) - 6},${cy}Z" fill="${COLORS.failure}" stroke="#fff" stroke-width="1"><title>MTTR-A ${secondsBare(row.mttr)} s</title></path>`;
    const what = row.pooled === true ? `${row.name} (pooled; whiskers span the range)` : row.name;
    return svg`<g class="box-row" data-scenario="${row.name}" data-n="${s.length}"${trusted(row.pooled === true ? ' data-pooled="true"' : '')}>${label}<line class="whisker" x1="${X(lo)}" x2="${X(hi)}" y1="${cy}" y2="${cy}" stroke="${COLORS.ink}"/><line x1="${X(lo)}" x2="${X(lo)}" y1="${cy - h / 4}" y2="${cy + h / 4}" stroke="${COLORS.ink}"/><line x1="${X(hi)}" x2="${X(hi)}" y1="${cy - h / 4}" y2="${cy + h / 4}" stroke="${COLORS.ink}"/><rect class="box" x="${X(q1)}" y="${px(top)}" width="${px(Math.max(1, x(q3) - x(q1)))}" height="${px(h)}" fill="#cfe3f3" stroke="${COLORS.primary}"><title>${what}: n = ${s.length}, P25 ${secondsBare(q1)} s, median ${secondsBare(med)} s, P75 ${secondsBare(q3)} s</title></rect><line class="median" x1="${X(med)}" x2="${X(med)}" y1="${px(top)}" y2="${px(top + h)}" stroke="${COLORS.primary}" stroke-width="2.5"/>${join(outliers)}${mttr}<text class="row-n" x="${f.margin.left + f.innerWidth + 10}" y="${cy}" dy="0.32em" fill="${COLORS.muted}">n = ${s.length}</text></g>`;
  });
  const key = legend(
    f.margin.left,
    14,
    [
      { label: 'P25–P75 and median', mark: (cx, cy) => svg`<rect x="${cx - 6}" y="${cy - 5}" width="12" height="10" fill="#cfe3f3" stroke="${COLORS.primary}"/>` },
      { label: log ? 'whiskers: 1.5 IQR of log times' : 'whiskers: 1.5 IQR', mark: (cx, cy) => svg`<line x1="${cx - 6}" x2="${cx + 6}" y1="${cy}" y2="${cy}" stroke="${COLORS.ink}"/>` },
      { label: 'outlier', mark: (cx, cy) => svg`<circle cx="${cx}" cy="${cy}" r="2.5" fill="none" stroke="${COLORS.muted}"/>` },
      { label: 'MTTR-A', mark: (cx, cy) => svg`<path d="M${cx},${cy - 5}L${cx + 5},${cy}L${cx},${cy + 5}L${cx - 5},${cy}Z" fill="${COLORS.failure}"/>` },
    ],
    f.innerWidth,
  );
  const axis = axisBottom(x, f, {
    label: log ? 'recovery time Δt (s, logarithmic axis)' : 'recovery time Δt (s)',
    grid: true,
    ...(ticks === undefined ? {} : { tickValues: ticks, format: (v: number) => String(Number(v.toPrecision(2))) }),
  });
  const content = svg`${key}${axis}${join(parts)}`;
  return svgRoot(f, 'boxplot', 'Recovery time by scenario', `Box plots of recovery times for ${rows.length} groups${log ? ', on a logarithmic axis' : ''}`, content);
}

/** The message shown instead of a chart that has nothing to draw. */
export function noData(message: string): Html {
  return html`<p class="no-data">${message}</p>`;
}
