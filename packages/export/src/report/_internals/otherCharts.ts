import type { FaultRecord, Interval, RecoveryRecord } from '@chaos/metrics';
import { scaleBand, scaleLinear } from 'd3-scale';
import { percent, secondsBare, textWidth } from './format.js';
import { join, px, svg, type Html } from './html.js';
import { axisBottom, COLORS, frame, labelMargin, legend, rowLabel, svgRoot, TICK_FONT, type LegendEntry } from './axes.js';


/** One rate of one group: `k` of `n`, as a percentage with its interval. */
export interface RateValue {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly k: number;
  readonly n: number;
  readonly value: number | null;
  readonly ci: Interval | null;
}

export interface RateRow {
  readonly name: string;
  readonly rates: readonly RateValue[];
}

/**
 * Rates with their 95 % intervals, one group of sub-rows per scenario: a dot at the
 * observed rate and a bar over its Wilson interval, with `k/n` and the rate printed at
 * the right.
 */
export function rateChart(rows: readonly RateRow[], legendEntries: readonly { readonly label: string; readonly color: string }[]): Html {
  const sub = 17;
  const perRow = Math.max(1, ...rows.map((r) => r.rates.length));
  const groupHeight = perRow * sub + 14;
  const valueText = (rate: RateValue): string => (rate.value === null ? `${rate.label}: no runs` : `${rate.k}/${rate.n} · ${percent(rate.value)}`);
  // Room at the right for the widest count label, so none is cut off.
  const right = 18 + Math.max(60, ...rows.flatMap((r) => r.rates.map((rate) => textWidth(valueText(rate), TICK_FONT))));
  const f = frame(900, 34 + rows.length * groupHeight + 48, { top: 34, right, bottom: 48, left: labelMargin(rows.map((r) => r.name)) });
  const x = scaleLinear().domain([0, 100]).range([0, f.innerWidth]);
  const X = (v: number): number => px(f.margin.left + x(v));
  const parts = rows.map((row, i) => {
    const top = f.margin.top + i * groupHeight + 7;
    const marks = row.rates.map((rate, j) => {
      const cy = px(top + j * sub + sub / 2);
      const count = svg`<text class="rate-value" x="${f.margin.left + f.innerWidth + 10}" y="${cy}" dy="0.32em" fill="${COLORS.muted}" font-size="${TICK_FONT}">${valueText(rate)}</text>`;
      if (rate.value === null) return count;
      const ci = rate.ci;
      const whisker =
        ci === null
          ? ''
          : svg`<g class="ci"><line x1="${X(ci.low)}" x2="${X(ci.high)}" y1="${cy}" y2="${cy}" stroke="${rate.color}" stroke-width="2"/><line x1="${X(ci.low)}" x2="${X(ci.low)}" y1="${cy - 4}" y2="${cy + 4}" stroke="${rate.color}" stroke-width="1.5"/><line x1="${X(ci.high)}" x2="${X(ci.high)}" y1="${cy - 4}" y2="${cy + 4}" stroke="${rate.color}" stroke-width="1.5"/></g>`;
      return svg`${whisker}<circle class="rate-dot" data-rate="${rate.key}" data-scenario="${row.name}" cx="${X(rate.value)}" cy="${cy}" r="4.5" fill="${rate.color}" stroke="#fff" stroke-width="1"><title>${row.name}, ${rate.label}: ${rate.k}/${rate.n} = ${rate.value.toFixed(1)} %, 95 % interval ${ci === null ? '—' : `${ci.low.toFixed(1)}–${ci.high.toFixed(1)} %`}</title></circle>${count}`;
    });
    const separator = i === 0 ? '' : svg`<line x1="0" x2="${f.width}" y1="${top - 7}" y2="${top - 7}" stroke="${COLORS.grid}"/>`;
    return svg`<g class="rate-row" data-scenario="${row.name}">${separator}${rowLabel(f.margin.left, top + (row.rates.length * sub) / 2, row.name)}${join(marks)}</g>`;
  });
  const key = legend(
    f.margin.left,
    14,
    legendEntries.map((e) => ({ label: e.label, mark: (cx: number, cy: number) => svg`<circle cx="${cx}" cy="${cy}" r="4.5" fill="${e.color}"/>` })),
    f.innerWidth,
  );
  const content = svg`${key}${axisBottom(x, f, { label: 'rate (%) with 95 % Wilson interval', ticks: 10, grid: true, format: (v) => `${v}` })}${join(parts)}`;
  return svgRoot(f, 'rates', 'Rates by scenario with 95 % intervals', `Success, recovery and completion rates of ${rows.length} groups`, content);
}

export interface CountRow {
  readonly name: string;
  readonly succeeded: number;
  readonly failed: number;
}

/** Horizontal stacked bars: successful and failed recovery attempts per group. */
export function recoveryBarsChart(rows: readonly CountRow[], what: string): Html {
  const f = frame(900, 40 + rows.length * 26 + 48, { top: 34, right: 90, bottom: 48, left: labelMargin(rows.map((r) => r.name)) });
  const max = Math.max(1, ...rows.map((r) => r.succeeded + r.failed));
  const x = scaleLinear().domain([0, max]).range([0, f.innerWidth]).nice();
  const band = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([0, f.innerHeight])
    .padding(0.3);
  const X = (v: number): number => px(f.margin.left + x(v));
  const parts = rows.map((row, i) => {
    const top = px(f.margin.top + (band(i) as number));
    const h = px(band.bandwidth());
    const cy = top + h / 2;
    return svg`<g class="bar-row" data-group="${row.name}">${rowLabel(f.margin.left, cy, row.name)}<rect class="bar bar-succeeded" data-count="${row.succeeded}" x="${X(0)}" y="${top}" width="${px(x(row.succeeded))}" height="${h}" fill="${COLORS.success}"><title>${row.name}: ${row.succeeded} successful ${row.succeeded === 1 ? 'recovery' : 'recoveries'}</title></rect><rect class="bar bar-failed" data-count="${row.failed}" x="${X(row.succeeded)}" y="${top}" width="${px(x(row.succeeded + row.failed) - x(row.succeeded))}" height="${h}" fill="${COLORS.failure}"><title>${row.name}: ${row.failed} failed ${row.failed === 1 ? 'recovery' : 'recoveries'}</title></rect><text x="${X(row.succeeded + row.failed) + 6}" y="${px(cy)}" dy="0.32em" fill="${COLORS.muted}">${row.succeeded + row.failed}${row.failed > 0 ? ` (${row.failed} failed)` : ''}</text></g>`;
  });
  const key = legend(f.margin.left, 14, [
    { label: 'succeeded', mark: (cx, cy) => svg`<rect x="${cx - 6}" y="${cy - 5}" width="12" height="10" fill="${COLORS.success}"/>` },
    { label: 'failed', mark: (cx, cy) => svg`<rect x="${cx - 6}" y="${cy - 5}" width="12" height="10" fill="${COLORS.failure}"/>` },
  ]);
  const ticks = Math.min(10, max);
  const content = svg`${key}${axisBottom(x, f, { label: 'recovery attempts (count)', ticks, grid: true, format: (v) => (Number.isInteger(v) ? String(v) : '') })}${join(parts)}`;
  return svgRoot(f, `recoveries-by-${what}`, `Recoveries by ${what}`, `Successful and failed recovery attempts for ${rows.length} groups`, content);
}

interface Lane {
  readonly agent: string;
  /** End time (ms) of the last recovery placed in each sub-row. */
  readonly subEnds: number[];
}

/**
 * One lane per agent, in the order of its first fault or recovery; each recovery placed
 * in its lane's first sub-row free at its fault (in fault order), so overlapping
 * recoveries of one agent are stacked.
 */
function placeRecoveries(
  faults: readonly FaultRecord[],
  recoveries: readonly RecoveryRecord[],
): { lanes: Lane[]; placed: { recovery: RecoveryRecord; row: number }[] } {
  const order: { agent: string; at: number }[] = [
    ...faults.map((f) => ({ agent: f.agentId, at: f.at })),
    ...recoveries.map((r) => ({ agent: r.agentId, at: r.faultAt })),
  ].sort((a, b) => a.at - b.at);
  const lanes: Lane[] = [];
  const laneOf = new Map<string, Lane>();
  for (const { agent } of order) {
    if (!laneOf.has(agent)) {
      const lane: Lane = { agent, subEnds: [] };
      lanes.push(lane);
      laneOf.set(agent, lane);
    }
  }
  const placed = [...recoveries].sort((a, b) => a.faultAt - b.faultAt).map((r) => {
    const lane = laneOf.get(r.agentId) as Lane;
    let row = lane.subEnds.findIndex((end) => end < r.faultAt);
    if (row < 0) {
      row = lane.subEnds.length;
      lane.subEnds.push(r.recoveredAt);
    } else lane.subEnds[row] = r.recoveredAt;
    return { recovery: r, row };
  });
  return { lanes, placed };
}

/** The timeline's key: one mark per kind of event. */
const TIMELINE_LEGEND: readonly LegendEntry[] = [
  { label: 'fault', mark: (cx, cy) => svg`<path d="M${cx},${cy + 5}L${cx - 5},${cy - 5}L${cx + 5},${cy - 5}Z" fill="${COLORS.failure}"/>` },
  { label: 'to detection', mark: (cx, cy) => svg`<line x1="${cx - 7}" x2="${cx + 7}" y1="${cy}" y2="${cy}" stroke="${COLORS.detect}" stroke-width="2" stroke-dasharray="4 3"/>` },
  { label: 'detected', mark: (cx, cy) => svg`<line x1="${cx}" x2="${cx}" y1="${cy - 6}" y2="${cy + 6}" stroke="${COLORS.detect}" stroke-width="2.5"/>` },
  { label: 'repair', mark: (cx, cy) => svg`<rect x="${cx - 7}" y="${cy - 4}" width="14" height="8" fill="${COLORS.success}" opacity="0.45"/>` },
  { label: 'recovered', mark: (cx, cy) => svg`<circle cx="${cx}" cy="${cy}" r="5" fill="${COLORS.success}"/>` },
  { label: 'recovery failed', mark: (cx, cy) => svg`<circle cx="${cx}" cy="${cy}" r="4" fill="#fff" stroke="${COLORS.failure}" stroke-width="2"/>` },
];

/**
 * The timeline of one run: one lane per agent; for each recovery a dashed span from
 * the fault to its detection and a bar from detection to recovery, with marks for the
 * fault (triangle), the detection (tick) and the recovery (filled circle, or an open
 * one for a failed attempt). Overlapping recoveries of one agent get stacked sub-rows.
 * Time is seconds since the run's first recorded fault.
 */
export function timelineChart(faults: readonly FaultRecord[], recoveries: readonly RecoveryRecord[], runId: string): Html {
  const times = [...faults.map((f) => f.at), ...recoveries.map((r) => r.faultAt)];
  const ends = [...faults.map((f) => f.at), ...recoveries.map((r) => r.recoveredAt)];
  const t0 = Math.min(...times);
  const t1 = Math.max(...ends);
  const { lanes, placed } = placeRecoveries(faults, recoveries);
  const subHeight = 30;
  const laneHeights = lanes.map((l) => Math.max(1, l.subEnds.length) * subHeight + 16);
  const totalLanes = laneHeights.reduce((a, b) => a + b, 0);
  const f = frame(900, 44 + totalLanes + 48, { top: 44, right: 70, bottom: 48, left: labelMargin(lanes.map((l) => l.agent)) });
  const x = scaleLinear()
    .domain([0, t1 > t0 ? (t1 - t0) / 1000 : 1])
    .range([0, f.innerWidth])
    .nice();
  const X = (ms: number): number => px(f.margin.left + x((ms - t0) / 1000));
  const laneTop = new Map<string, number>();
  let cursor = f.margin.top;
  const laneParts = lanes.map((lane, i) => {
    laneTop.set(lane.agent, cursor + 8);
    const h = laneHeights[i] as number;
    const part = svg`<g class="lane" data-agent="${lane.agent}"><rect x="${f.margin.left}" y="${cursor}" width="${f.innerWidth}" height="${h}" fill="${i % 2 === 0 ? '#f6f8fa' : '#ffffff'}"/>${rowLabel(f.margin.left, cursor + h / 2, lane.agent)}</g>`;
    cursor += h;
    return part;
  });
  const cyOf = (agent: string, row: number): number => px((laneTop.get(agent) as number) + row * subHeight + subHeight / 2);

  const recoveryParts = placed.map(({ recovery: r, row }) => {
    const cy = cyOf(r.agentId, row);
    const xf = X(r.faultAt);
    const xd = X(r.detectedAt);
    const xr = X(r.recoveredAt);
    const color = r.success ? COLORS.success : COLORS.failure;
    const dt = (r.recoveredAt - r.faultAt) / 1000;
    const end = r.success
      ? svg`<circle class="mark-recovery" cx="${xr}" cy="${cy}" r="5" fill="${COLORS.success}" stroke="#fff"><title>${r.agentId} recovered at ${secondsBare((r.recoveredAt - t0) / 1000)} s (Δt ${secondsBare(dt)} s)</title></circle>`
      : svg`<circle class="mark-recovery-failed" cx="${xr}" cy="${cy}" r="5" fill="#fff" stroke="${COLORS.failure}" stroke-width="2"><title>${r.agentId}: recovery failed at ${secondsBare((r.recoveredAt - t0) / 1000)} s${r.error === undefined ? '' : `: ${r.error}`}</title></circle>`;
    return svg`<g class="recovery" data-agent="${r.agentId}" data-success="${String(r.success)}"><line class="detect-span" x1="${xf}" x2="${xd}" y1="${cy}" y2="${cy}" stroke="${COLORS.detect}" stroke-width="2" stroke-dasharray="4 3"/><rect class="repair-span" x="${xd}" y="${cy - 4}" width="${px(Math.max(0.5, xr - xd))}" height="8" fill="${color}" opacity="0.45"/><line class="mark-detect" x1="${xd}" x2="${xd}" y1="${cy - 9}" y2="${cy + 9}" stroke="${COLORS.detect}" stroke-width="2.5"><title>${r.agentId}: ${r.faultType} detected at ${secondsBare((r.detectedAt - t0) / 1000)} s (after ${secondsBare((r.detectedAt - r.faultAt) / 1000)} s)</title></line>${end}<text class="dt-label" x="${xr + 8}" y="${cy}" dy="0.32em" fill="${COLORS.ink}" font-size="${TICK_FONT - 1}">${r.success ? `Δt ${secondsBare(dt)} s` : 'failed'}</text></g>`;
  });

  const faultParts = faults.map((fault) => {
    const match = placed.find((p) => p.recovery.agentId === fault.agentId && p.recovery.faultAt === fault.at);
    const cy = cyOf(fault.agentId, match?.row ?? 0);
    const xf = X(fault.at);
    return svg`<g class="fault" data-agent="${fault.agentId}" data-fault="${fault.faultType}"><path class="mark-fault" d="M${xf},${px(cy + 6)}L${px(xf - 6)},${px(cy - 6)}L${px(xf + 6)},${px(cy - 6)}Z" fill="${COLORS.failure}"><title>${fault.faultType} on ${fault.agentId} at ${secondsBare((fault.at - t0) / 1000)} s${fault.error === undefined ? '' : `: ${fault.error}`}</title></path><text class="fault-label" x="${xf}" y="${px(cy - 10)}" text-anchor="middle" fill="${COLORS.failure}" font-size="${TICK_FONT - 1}">${fault.faultType}</text></g>`;
  });

  const key = legend(f.margin.left, 14, TIMELINE_LEGEND);
  const content = svg`${key}${join(laneParts)}${axisBottom(x, f, { label: "time since the run's first fault (s)", grid: false })}${join(recoveryParts)}${join(faultParts)}`;
  return svgRoot(f, 'timeline', `Timeline of run ${runId}`, `${faults.length} faults and ${recoveries.length} recovery attempts on ${lanes.length} agents`, content);
}

export interface ForestRow {
  readonly name: string;
  readonly estimate: number | null;
  readonly ci: Interval | null;
  /** Printed at the right: the estimate and interval, formatted. */
  readonly text: string;
}

/**
 * A forest plot of differences B − A: a dot at each estimate, a bar over its 95 %
 * interval, and a line at 0 (no difference).
 */
export function forestChart(rows: readonly ForestRow[], kind: string, title: string, axisLabel: string): Html {
  const f = frame(900, 30 + rows.length * 26 + 48, { top: 24, right: 230, bottom: 48, left: labelMargin(rows.map((r) => r.name)) });
  const values = rows.flatMap((r) => [r.estimate, r.ci?.low, r.ci?.high]).filter((v): v is number => typeof v === 'number');
  // Symmetric about 0; with nothing (or only zeros) to show, ±1 so the axis stays sensible.
  const extent = Math.max(0, ...values.map(Math.abs)) || 1;
  const x = scaleLinear().domain([-extent, extent]).range([0, f.innerWidth]).nice();
  const X = (v: number): number => px(f.margin.left + x(v));
  const band = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([0, f.innerHeight])
    .padding(0.3);
  const parts = rows.map((row, i) => {
    const cy = px(f.margin.top + (band(i) as number) + band.bandwidth() / 2);
    const ci = row.ci;
    const marks =
      row.estimate === null
        ? svg`<text x="${X(0) + 8}" y="${cy}" dy="0.32em" fill="${COLORS.muted}" font-style="italic">not enough data</text>`
        : svg`${ci === null ? '' : svg`<line class="ci" x1="${X(ci.low)}" x2="${X(ci.high)}" y1="${cy}" y2="${cy}" stroke="${COLORS.primary}" stroke-width="2"/><line x1="${X(ci.low)}" x2="${X(ci.low)}" y1="${cy - 4}" y2="${cy + 4}" stroke="${COLORS.primary}"/><line x1="${X(ci.high)}" x2="${X(ci.high)}" y1="${cy - 4}" y2="${cy + 4}" stroke="${COLORS.primary}"/>`}<rect class="estimate" x="${X(row.estimate) - 4}" y="${cy - 4}" width="8" height="8" fill="${COLORS.primary}"><title>${row.name}: ${row.text}</title></rect>`;
    return svg`<g class="forest-row" data-scenario="${row.name}">${rowLabel(f.margin.left, cy, row.name)}${marks}<text x="${f.margin.left + f.innerWidth + 10}" y="${cy}" dy="0.32em" fill="${COLORS.muted}">${row.text}</text></g>`;
  });
  const zero = svg`<line class="zero" x1="${X(0)}" x2="${X(0)}" y1="${f.margin.top}" y2="${f.margin.top + f.innerHeight}" stroke="${COLORS.ink}" stroke-dasharray="3 3"/>`;
  const content = svg`${axisBottom(x, f, { label: axisLabel, grid: true })}${zero}${join(parts)}`;
  return svgRoot(f, kind, title, `${rows.length} differences with 95 % intervals`, content);
}
