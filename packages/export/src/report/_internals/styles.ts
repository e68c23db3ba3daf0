/** The report's whole stylesheet: system fonts only, nothing fetched. */
export const STYLES = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --soft: #f6f8fa; --accent: #0072B2; --bad: #D55E00; --good: #009E73; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 40px 0 8px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 26px 0 6px; }
h3 code, td code { font-size: 0.95em; }
/* Run ids, seeds, agent names in tables are read and copied whole: never broken mid-word (the table scrolls). */
td code { white-space: nowrap; overflow-wrap: normal; }
p { margin: 6px 0 10px; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.9em; background: var(--soft); padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
.lede { color: var(--muted); font-size: 16px; margin-bottom: 16px; }
.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 18px; margin: 12px 0; padding: 12px 16px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; font-size: 14px; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.meta ul { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; }
details { margin: 8px 0; }
details summary { cursor: pointer; color: var(--accent); }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow: auto; font-size: 12.5px; max-height: 360px; }
nav.toc { margin: 18px 0 0; font-size: 14px; }
nav.toc ol { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; margin: 0; list-style: none; }
nav.toc a { color: var(--accent); text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(168px, 1fr)); gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px 12px; background: #fff; }
.card h3 { margin: 0; font-size: 13px; font-weight: 600; color: var(--muted); text-transform: none; }
.card .value { font-size: 24px; font-weight: 650; line-height: 1.25; margin-top: 2px; font-variant-numeric: tabular-nums; }
.card .detail { font-size: 13px; color: var(--ink); font-variant-numeric: tabular-nums; }
.card .note { font-size: 12px; color: var(--muted); margin-top: 4px; }
.card.empty .value { color: var(--muted); }
.card.rate .value { color: var(--accent); }
.stats { font-size: 13.5px; color: var(--muted); margin: 2px 0 6px; font-variant-numeric: tabular-nums; }
figure { margin: 10px 0 18px; }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
.chart-svg { display: block; width: 100%; height: auto; max-width: 100%; font-family: inherit; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
.pair figure { margin: 4px 0 8px; }
.grid3 { display: grid; grid-template-columns: 1fr 1fr; gap: 12px 16px; }
.no-data { margin: 8px 0 16px; padding: 10px 14px; border: 1px dashed var(--line); border-radius: 6px; background: var(--soft); color: var(--muted); font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: var(--soft); white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
td .sub { display: block; font-size: 12px; color: var(--muted); }
td.error { color: var(--bad); overflow-wrap: anywhere; min-width: 16em; }
tr.overall td { font-weight: 600; }
.scroll { overflow-x: auto; }
.good { color: var(--good); }
.muted { color: var(--muted); }
.bad { color: var(--bad); }
.methods dt { font-weight: 600; margin-top: 8px; }
.methods dd { margin: 2px 0 6px 0; color: var(--ink); }
footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
@media (max-width: 720px) { .pair, .grid3 { grid-template-columns: 1fr; } main { padding: 16px 12px; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0 2px; }
  nav.toc, details summary::marker { display: none; }
  h2 { break-after: avoid; margin-top: 22px; }
  h3 { break-after: avoid; }
  figure, .card, tr, .meta, .no-data, .pair { break-inside: avoid; }
  .cards { grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 8px; }
  .card { padding: 8px 10px; }
  .card .value { font-size: 16pt; }
  .card .note { font-size: 8.5pt; }
  .pair { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  a { color: inherit; text-decoration: none; }
  pre { max-height: none; white-space: pre-wrap; }
}
`;
