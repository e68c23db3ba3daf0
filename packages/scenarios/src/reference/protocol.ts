import { createHash } from 'node:crypto';
import type { Product } from './catalogue.js';

/** The product -> marketing handoff, protocol `catalogue-handoff/1`. */
export interface HandoffMessage {
  readonly protocol: 'catalogue-handoff/1';
  readonly from: string;
  readonly to: string;
  readonly runId: string;
  readonly sequence: number;
  readonly count: number;
  readonly products: readonly Product[];
  /** sha256 of the canonical JSON of every other field. */
  readonly checksum: string;
}

/** JSON with sorted keys: the same value always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The checksum of a message's content (every field but `checksum`). */
export function checksumOf(message: Omit<HandoffMessage, 'checksum'> | HandoffMessage): string {
  const { checksum: _ignored, ...content } = message as HandoffMessage;
  return createHash('sha256').update(canonical(content)).digest('hex');
}

/** Builds a sealed handoff message. */
export function createHandoff(fields: Omit<HandoffMessage, 'checksum' | 'protocol' | 'count'>): HandoffMessage {
  const content = { protocol: 'catalogue-handoff/1' as const, ...fields, count: fields.products.length };
  return { ...content, checksum: checksumOf(content) };
}

/** The result of validating a message: the fields found wrong, empty when valid. */
export interface ValidationReport {
  readonly valid: boolean;
  readonly problems: readonly string[];
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function productProblems(product: unknown, index: number): string[] {
  const where = `products.${index}`;
  if (product === null || typeof product !== 'object') return [where];
  const p = product as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['sku', 'name', 'category'] as const) if (!isString(p[key])) problems.push(`${where}.${key}`);
  for (const key of ['priceCents', 'stock'] as const) if (!isCount(p[key])) problems.push(`${where}.${key}`);
  return problems;
}

/**
 * Checks a received handoff against the schema and its checksum. A message damaged in
 * transit fails one or the other: a type broken fails the schema, a value changed
 * within its type fails the checksum.
 */
export function validateHandoff(message: unknown): ValidationReport {
  if (message === null || typeof message !== 'object') return { valid: false, problems: ['message'] };
  const m = message as Record<string, unknown>;
  const problems: string[] = [];
  if (m['protocol'] !== 'catalogue-handoff/1') problems.push('protocol');
  for (const key of ['from', 'to', 'runId', 'checksum'] as const) if (!isString(m[key])) problems.push(key);
  if (!isCount(m['sequence'])) problems.push('sequence');
  if (!isCount(m['count'])) problems.push('count');
  if (!Array.isArray(m['products'])) problems.push('products');
  else {
    m['products'].forEach((product, index) => problems.push(...productProblems(product, index)));
    if (m['count'] !== m['products'].length) problems.push('count');
  }
  if (problems.length === 0 && checksumOf(message as HandoffMessage) !== m['checksum']) problems.push('checksum');
  return { valid: problems.length === 0, problems: [...new Set(problems)] };
}
