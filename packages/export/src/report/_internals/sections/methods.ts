import { trusted, type Html } from '../html.js';

/** The Methods section: how every figure is computed. */
export function methods(accuracyThreshold: number): Html {
  return trusted(`<section id="methods"><h2>Methods</h2><dl class="methods">
<dt>Recovery time Δt</dt><dd>t<sub>recovered</sub> − t<sub>fault</sub> of a successful recovery, split into detection (t<sub>detected</sub> − t<sub>fault</sub>) and repair. Failed attempts count in the rates but have no Δt.</dd>
<dt>Recovery-only Δt</dt><dd>A recovery measured with no recorded fault starts at the start of its measurement: its Δt is the recovery's own duration. The files mark each recovery's <code>faultTimeSource</code> (<code>recorded</code>, <code>given</code>, or <code>measurement-start</code>), and the summary counts the last.</dd>
<dt>MTTR-A</dt><dd>Mean over runs of each run's mean Δt (with one run, the plain mean), after Or, <em>MTTR-A: Measuring Cognitive Recovery Latency in Multi-Agent Systems</em> (arXiv 2511.20663). Its 95&nbsp;% interval is a seeded bootstrap percentile interval over runs. A campaign runs a fixed number of runs of each scenario, so a group that spans several scenarios (all scenarios, a fault type, an agent, a tag) resamples runs <em>within each scenario</em> (a stratified bootstrap): resampling the pooled runs would treat each scenario's share as random and widen the interval by the spread between scenarios. The comparison's pooled row does the same.</dd>
<dt>MedTTR-A, P90, P95, P99</dt><dd>Type-7 quantiles (linear interpolation) of all Δt.</dd>
<dt>MTBF, NRR, uptime</dt><dd>MTBF: mean time from a successful recovery to the next fault of the same run, from recorded times only. NRR = 1 − MTTR-A / MTBF and uptime = MTBF / (MTBF + MTTR-A) pair the two over the same runs — those where MTBF is defined (a recovery followed by a fault) — so a campaign whose only such runs are one scenario's has that scenario's NRR. The median form, 1 − MedTTR-A / MTBF over the same runs, is the paper's Table II.</dd>
<dt>Correct recovery</dt><dd>A successful recovery whose reconstruction accuracy is at least the threshold (here ${String(accuracyThreshold)}): the agent came back with the right state. Correct recovery = correct / scored recoveries; a run with a scored recovery below the threshold is not counted as recovered.</dd>
<dt>Rates</dt><dd>Success: runs whose steady-state checks held / runs. Recovered: runs in which every fault needing recovery got one / runs. Completion: runs that completed their task / conclusive runs. Attempts: successful / all recovery attempts. Intervals: Wilson score 95&nbsp;% intervals from the counts.</dd>
<dt>Representative run</dt><dd>The run whose mean Δt is closest to the median of all runs' mean Δt.</dd>
<dt>Charts</dt><dd>Histograms bin Δt at round values (about Sturges' number of bins); the empirical CDF is a step function; box plots use Tukey's 1.5&nbsp;IQR whiskers.</dd>
</dl></section>`);
}
