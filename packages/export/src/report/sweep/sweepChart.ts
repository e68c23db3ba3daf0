import { scaleLinear } from 'd3-scale';
import { axisBottom, axisLeft, COLORS, frame, legend, svgRoot } from '../_internals/axes.js';
import { join, px, svg, type Html } from '../_internals/html.js';
import type { SweepReportInput, SweepReportProbe } from './types.js';

const DECISION_COLORS: Readonly<Record<SweepReportProbe['decision'], string>> = {
  met: COLORS.success,
  broken: COLORS.failure,
  undecided: COLORS.muted,
};

/**
 * The figure against the knob: each probe's estimate with its 95 % interval (coloured by
 * its decision), the objective's threshold as a dashed line, the break's interval shaded
 * and the break point marked.
 */
export function sweepChart(sweep: SweepReportInput): Html {
  const f = frame(900, 380, { top: 20, right: 24, bottom: 80, left: 64 });
  const xs = sweep.probes.map((p) => p.value);
  const ys = sweep.probes.flatMap((p) => [p.estimate, p.interval?.low, p.interval?.high]).filter((v): v is number => typeof v === 'number');
  const x = scaleLinear().domain([Math.min(...xs), Math.max(...xs)]).range([0, f.innerWidth]).nice();
  const y = scaleLinear().domain([Math.min(sweep.threshold, ...ys), Math.max(sweep.threshold, ...ys)]).range([f.innerHeight, 0]).nice();
  const X = (v: number): number => px(f.margin.left + x(v));
  const Y = (v: number): number => px(f.margin.top + y(v));
  const band = svg`<rect class="break-interval" x="${X(sweep.interval.low)}" y="${f.margin.top}" width="${Math.max(1, X(sweep.interval.high) - X(sweep.interval.low))}" height="${f.innerHeight}" fill="${COLORS.detect}" fill-opacity="0.18"><title>break in [${sweep.interval.low}, ${sweep.interval.high}]</title></rect>`;
  const breakLine = svg`<line class="break-point" x1="${X(sweep.breakPoint)}" x2="${X(sweep.breakPoint)}" y1="${f.margin.top}" y2="${f.margin.top + f.innerHeight}" stroke="${COLORS.detect}" stroke-width="2"/>`;
  const objective = svg`<line class="objective" x1="${f.margin.left}" x2="${f.margin.left + f.innerWidth}" y1="${Y(sweep.threshold)}" y2="${Y(sweep.threshold)}" stroke="${COLORS.ink}" stroke-dasharray="5 4"/><text x="${f.margin.left + f.innerWidth - 4}" y="${Y(sweep.threshold) - 6}" text-anchor="end" fill="${COLORS.ink}">${sweep.objective}</text>`;
  const marks = sweep.probes.map((p) => {
    const color = DECISION_COLORS[p.decision];
    const cx = X(p.value);
    const bar = p.interval === null ? '' : svg`<line class="ci" x1="${cx}" x2="${cx}" y1="${Y(p.interval.low)}" y2="${Y(p.interval.high)}" stroke="${color}" stroke-width="2"/>`;
    const dot = p.estimate === null ? '' : svg`<circle class="estimate" cx="${cx}" cy="${Y(p.estimate)}" r="4" fill="${color}"><title>${sweep.knob} = ${p.value}: ${p.estimate} (${p.decision}, ${p.runs} runs)</title></circle>`;
    return svg`<g class="probe" data-decision="${p.decision}">${bar}${dot}</g>`;
  });
  const dotMark = (color: string) => (cx: number, cy: number) => svg`<circle cx="${cx}" cy="${cy}" r="4" fill="${color}"/>`;
  const key = legend(f.margin.left, f.height - 22, [
    { label: 'met (with its 95 % interval)', mark: dotMark(COLORS.success) },
    { label: 'broken', mark: dotMark(COLORS.failure) },
    { label: 'undecided', mark: dotMark(COLORS.muted) },
    { label: 'where the break lies', mark: (cx, cy) => svg`<rect x="${cx - 6}" y="${cy - 5}" width="12" height="10" fill="${COLORS.detect}" fill-opacity="0.35"/>` },
  ]);
  const content = svg`${band}${axisBottom(x, f, { label: sweep.knob, grid: true })}${axisLeft(y, f, { label: sweep.figure, grid: true })}${objective}${breakLine}${join(marks)}${key}`;
  return svgRoot(f, 'sweep', `${sweep.figure} against ${sweep.knob}`, `${sweep.probes.length} probes with 95 % intervals; the objective ${sweep.objective} breaks at ${sweep.breakPoint}`, content);
}
