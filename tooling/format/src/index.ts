export { describeError, errorMessage, formatValue } from './messages.js';
export { duration, fraction, interval, MISSING, percent, points, seconds, secondsBare, sig3 } from './numbers.js';
export type { NumberStyle, Typography } from './numbers.js';
export { table } from './table.js';
export type { Alignment } from './table.js';
