/** How a column's cells line up: left for names, right for figures. */
export type Alignment = 'left' | 'right';

/**
 * A text table: each column as wide as its widest cell, columns two spaces apart, no
 * trailing spaces, a header line first.
 *
 * @example
 * ```ts
 * table(['Scenario', 'Runs'], [['CascadeFailure', '200']], ['left', 'right']);
 * // Scenario        Runs
 * // CascadeFailure   200
 * ```
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Alignment[]): string {
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (align[c] === 'left' ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
