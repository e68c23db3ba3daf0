/**
 * The one place the package reads the wall clock. The time it returns only *labels* an
 * export (file names, `generatedAt`); nothing is measured with it. Exporters take a
 * `now` option so tests inject their own.
 */
export function systemNow(): Date {
  return new Date();
}
