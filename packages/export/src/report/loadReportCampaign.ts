import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { errorMessage, formatValue } from '@chaos/format';
import { ExportError } from '../ExportError.js';
import { loadExport, type LoadExportOptions } from '../loadExport.js';
import type { ExportContext } from '../types.js';
import type { ReportCampaign } from './types.js';
import { isRecord, labelsOf, packagesOf, scenariosOf, seedOf } from './_internals/values.js';

const FULL_METRICS_NAME = /^chaos_full_metrics_(\d{8}T\d{6}Z)(?:-(\d+))?\.json$/;

/**
 * The newest `chaos_full_metrics_<ts>.json` in a folder: the latest timestamp, and
 * within one second the highest `-N` suffix (the bare name is the first of its second).
 *
 * @param dir - an export folder
 * @returns the file's absolute path
 * @throws {@link ExportError} when the folder cannot be read or holds no full-metrics export
 *
 * @example
 * ```ts
 * const file = await findLatestExport('results'); // /…/results/chaos_full_metrics_20261128T081500Z-2.json
 * ```
 */
export async function findLatestExport(dir: string): Promise<string> {
  const folder = resolve(dir);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error: unknown) {
    throw new ExportError(`Could not read export folder ${folder}: ${errorMessage(error)}`, folder, error);
  }
  let best: { name: string; stamp: string; n: number } | undefined;
  for (const name of names) {
    const match = FULL_METRICS_NAME.exec(name);
    if (match === null) continue;
    const stamp = match[1] as string;
    const n = match[2] === undefined ? 1 : Number(match[2]);
    if (best === undefined || stamp > best.stamp || (stamp === best.stamp && n > best.n)) best = { name, stamp, n };
  }
  if (best === undefined) {
    throw new ExportError(
      `Could not find a chaos_full_metrics_<ts>.json file in ${folder}: a report needs the full export, with every record`,
      folder,
    );
  }
  return join(folder, best.name);
}

/** The fields of an export's header that a report shows. */
interface ExportHeader {
  readonly generatedAt?: unknown;
  readonly packages?: unknown;
  readonly context?: unknown;
}

/** How far into a file the header is looked for before the whole file is parsed instead. */
const HEADER_SCAN_LIMIT = 16 * 1024 * 1024;
/** Where the records start in a file written by this package. */
const RECORDS_MARKER = ',\n  "faults": [';

/**
 * Reads the header of a full-metrics file without parsing its records: the exporter
 * writes the header first, then `"faults": [` and one record a line. A file written
 * otherwise (a snapshot saved with `JSON.stringify`) is parsed whole.
 */
async function readHeader(path: string): Promise<ExportHeader> {
  let text = '';
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) {
      text += chunk as string;
      const at = text.indexOf(RECORDS_MARKER);
      if (at >= 0) {
        try {
          return JSON.parse(`${text.slice(0, at)}\n}`) as ExportHeader;
        } catch {
          break;
        }
      }
      if (text.length > HEADER_SCAN_LIMIT) break;
    }
  } finally {
    stream.destroy();
  }
  return JSON.parse(await readFile(path, 'utf8')) as ExportHeader;
}

/**
 * Loads an export for a report or a comparison: the records (with {@link loadExport})
 * and what its header says — seed, configuration, scenarios, labels, package versions,
 * export time — as a {@link ReportCampaign} whose `label` is the file name.
 *
 * @param path - an export folder (its newest `chaos_full_metrics_<ts>.json`, see
 *   {@link findLatestExport}) or a full-metrics JSON file
 * @param options - passed to {@link loadExport}
 * @throws {@link ExportError} when the path cannot be read or is not a full-metrics export
 *
 * @example
 * ```ts
 * const a = await loadReportCampaign('runs/main');
 * const b = await loadReportCampaign('runs/retry-v2');
 * console.log(formatComparisonTable(compareCampaigns(a.metrics, b.metrics, { labels: { a: a.label, b: b.label } })));
 * ```
 */
export async function loadReportCampaign(path: string, options: LoadExportOptions = {}): Promise<ReportCampaign & { readonly label: string; readonly source: string }> {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new TypeError(`Expected \`path\` to be a non-empty string, got \`${formatValue(path)}\``);
  }
  const absolute = resolve(path);
  let file = absolute;
  try {
    if ((await stat(absolute)).isDirectory()) file = await findLatestExport(absolute);
  } catch (error: unknown) {
    if (error instanceof ExportError) throw error;
    throw new ExportError(`Could not read ${absolute}: ${errorMessage(error)}`, absolute, error);
  }
  const metrics = await loadExport(file, options);
  let header: ExportHeader;
  try {
    header = await readHeader(file);
  } catch (error: unknown) {
    throw new ExportError(`Could not read the header of ${file}: ${errorMessage(error)}`, file, error);
  }
  const recorded = isRecord(header.context) ? header.context : {};
  const seed = seedOf(recorded['seed']);
  const context: ExportContext = {
    ...(isRecord(recorded['config']) ? { config: recorded['config'] } : {}),
    ...(seed === null ? {} : { seed }),
    scenarios: scenariosOf(recorded['scenarios']),
    labels: Object.fromEntries(labelsOf(recorded['labels'])),
  };
  return {
    metrics,
    context,
    packages: Object.fromEntries(packagesOf(header.packages)),
    ...(typeof header.generatedAt === 'string' ? { exportedAt: header.generatedAt } : {}),
    source: file,
    label: basename(file),
  };
}
