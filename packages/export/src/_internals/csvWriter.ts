import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify, type Options } from 'csv-stringify';
import type { Cell } from './csvTable.js';

/**
 * csv-stringify options shared by every CSV file: a header row, RFC 4180 (comma, `"`
 * quotes doubled, CRLF between records, fields holding a comma, quote, CR or LF quoted),
 * booleans as `true`/`false` (csv-stringify writes `1` and an empty field otherwise),
 * numbers as `String(n)` (the shortest text that parses back to the same double), and
 * `null`/`undefined` as an empty field.
 */
function csvOptions(columns: readonly string[]): Options {
  return {
    header: true,
    columns: [...columns],
    delimiter: ',',
    quote: '"',
    escape: '"',
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    eof: true,
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      number: (value) => String(value),
    },
  };
}

/**
 * A writer for `stageFile`: pulls rows one at a time from `rows` into csv-stringify and
 * on into the file, with backpressure at every step (at most a few dozen rows and
 * 64 KiB of text in flight).
 */
export function csvWriter(
  rows: Iterable<Cell[]>,
  columns: readonly string[],
  signal: AbortSignal | undefined,
): (out: Writable) => Promise<void> {
  return (out) =>
    pipeline(Readable.from(rows, { objectMode: true, highWaterMark: 64 }), stringify(csvOptions(columns)), out, signal === undefined ? {} : { signal });
}

/** A writer for `stageFile` that writes chunks of text in order, with backpressure. */
export function textWriter(chunks: Iterable<string>, signal: AbortSignal | undefined): (out: Writable) => Promise<void> {
  return (out) => pipeline(Readable.from(chunks, { objectMode: true, highWaterMark: 4 }), out, signal === undefined ? {} : { signal });
}
