import { resetIds } from './axes.js';
import { utc } from './format.js';
import { htmlDocument } from './document.js';
import { html } from './html.js';
import type { PageInput } from './pageInput.js';
import { breakdownSection, tagSection } from './sections/breakdown.js';
import { comparisonSection } from './sections/comparison.js';
import { failuresSection } from './sections/failures.js';
import { header, toc } from './sections/header.js';
import { methods } from './sections/methods.js';
import { ratesSection } from './sections/rates.js';
import { recoveryTimeSection } from './sections/recoveryTime.js';
import { summaryCards } from './sections/summary.js';
import { timelineSection } from './sections/timeline.js';

/**
 * The whole report as one HTML document: the page shell (head, inline styles, footer)
 * around the sections, in reading order. Each section is its own module under
 * `sections/`; the tables they share are in `tables.ts`, the charts in `axes.ts`,
 * `distributionCharts.ts` and `otherCharts.ts`.
 */
export function renderPage(input: PageInput): string {
  resetIds();
  const { model } = input;
  const generator = `@chaos/export${input.reporterVersion === null ? '' : ` ${input.reporterVersion}`}`;
  const body = html`<main>
${header(input)}
${toc(input)}
${summaryCards(model)}
${recoveryTimeSection(model)}
${ratesSection(model)}
${breakdownSection(model)}
${tagSection(model)}
${timelineSection(model.timeline)}
${input.comparison === undefined ? '' : comparisonSection(input.comparison, model)}
${failuresSection(model)}
${methods(model.summary.accuracyThreshold)}
<footer>Generated ${utc(input.generatedAt)} by ${generator}. This file is self-contained: it loads nothing from the network and runs no scripts.</footer>
</main>`;
  return htmlDocument(input.title, body, generator);
}
