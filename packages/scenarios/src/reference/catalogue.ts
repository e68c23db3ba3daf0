/** One product of the catalogue the product agent uploads. */
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  /** Price in cents, so equality checks are exact. */
  readonly priceCents: number;
  readonly stock: number;
}

/** A price in cents as the shop writes it: `$12.90`. */
export function formatPrice(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/** The initial state of the reference workflow. */
export interface ReferenceState {
  readonly products: readonly Product[];
}

const NAMES = [
  ['Trail Running Shoe', 'footwear'],
  ['Merino Wool Socks', 'footwear'],
  ['Insulated Water Bottle', 'outdoor'],
  ['Ultralight Tent', 'outdoor'],
  ['Headlamp 400 lm', 'outdoor'],
  ['Rain Shell Jacket', 'apparel'],
  ['Fleece Midlayer', 'apparel'],
  ['Packable Down Vest', 'apparel'],
  ['Trekking Poles', 'outdoor'],
  ['Camp Stove', 'outdoor'],
  ['Sun Hat', 'apparel'],
  ['Daypack 24 L', 'bags'],
] as const;

/**
 * A deterministic catalogue of `size` products (the reference workflow's default
 * initial state). Names repeat with a series number past twelve.
 *
 * @throws `RangeError` when `size` is not an integer in [1, 100000]
 */
export function referenceCatalogue(size = 12): ReferenceState {
  if (!Number.isInteger(size) || size < 1 || size > 100_000) {
    throw new RangeError(`Expected \`size\` to be an integer in [1, 100000], got \`${String(size)}\``);
  }
  const products: Product[] = [];
  for (let i = 0; i < size; i++) {
    const [name, category] = NAMES[i % NAMES.length] as readonly [string, string];
    const series = Math.floor(i / NAMES.length);
    products.push({
      sku: `SKU-${String(i + 1).padStart(4, '0')}`,
      name: series === 0 ? name : `${name} S${series + 1}`,
      category,
      priceCents: 990 + ((i * 1_237) % 19_000),
      stock: 5 + ((i * 7) % 40),
    });
  }
  return { products };
}
