import type { RandomSource } from '@chaos/config';

/**
 * A plausible wrong number: another one-digit count for one-digit integers ("3 items"
 * -> "7 items"), otherwise 5–50 % more or less, rounded to `decimals` places so integers
 * stay integers and prices keep their cents. The sign is kept, and the result is always
 * finite and never equal to `n` (which must be finite).
 *
 * @param decimals - places to round to; negative means four significant digits
 */
export function shiftNumber(n: number, random: RandomSource, decimals = decimalsOf(n)): number {
  const size = Math.abs(n);
  if (size < 10 && Number.isInteger(n)) {
    // 1..9 without `size`: one draw, no retry loop.
    let other = 1 + random.nextInt(8);
    if (other >= size) other += 1;
    return n < 0 ? -other : other;
  }
  const factor = (random.next() < 0.5 ? -1 : 1) * (0.05 + random.next() * 0.45);
  let shifted = n * (1 + factor);
  // Only near Number.MAX_VALUE can growing overflow; shrinking never does.
  if (!Number.isFinite(shifted)) shifted = n * (1 - Math.abs(factor));
  // Unrounded, 0.1 + 0.2 would come back as 0.37349822958698503.
  shifted = Number(decimals < 0 ? shifted.toPrecision(4) : shifted.toFixed(decimals));
  // Rounding can undo a small change (0.01 -> 0.0105 -> 0.01): step one unit away from 0
  // instead (denormals, which have no decimals to step in, double).
  if (shifted === n || shifted === 0) {
    shifted = decimals < 0 ? n * 2 : Number((n + Math.sign(n) * 10 ** -decimals).toFixed(decimals));
  }
  return shifted;
}

/** Decimal places of `n` as written, or -1 for exponent notation and long fractions. */
function decimalsOf(n: number): number {
  const text = String(n);
  const places = text.includes('e') ? -1 : (text.split('.')[1]?.length ?? 0);
  // Past 6 places the digits are float noise (0.1 + 0.2), not a precision to keep.
  return places > 6 ? -1 : places;
}

/** A bigint moved by up to half its size, keeping its sign; never the same value. */
export function shiftBigInt(n: bigint, random: RandomSource): bigint {
  const step = n / BigInt(2 + random.nextInt(8)) || (n < 0n ? -1n : 1n);
  return random.next() < 0.5 && n - step !== 0n ? n - step : n + step;
}
