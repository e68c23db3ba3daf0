import { hash } from 'node:crypto';
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

/**
 * JSON with sorted keys: the same value always hashes the same. Built with one string
 * append per token rather than arrays of parts (it runs on every handoff sent and
 * checked); the text is what `[...].map(canonical).join(',')` per level would give, a
 * hole in an array included (nothing between its commas). `skipKey`, at this level
 * only, leaves one key out.
 */
function canonical(value: unknown, skipKey?: string): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += canonical(value[i]);
    }
    return `${out}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    let out = '{';
    let first = true;
    for (const key of keys) {
      if (key === skipKey) continue;
      if (!first) out += ',';
      first = false;
      out += `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 in hex; the one-shot `hash` (Node >= 20.12) costs a third less than a `Hash` object. */
const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/**
 * The checksum of a message's content: sha256 of the canonical JSON (sorted keys) of
 * every field but `checksum`. Any protocol that seals its messages this way can use it.
 */
export function checksumOf(message: object): string {
  if (typeof message === 'object' && message !== null && !Array.isArray(message)) return sha256Hex(canonical(message, 'checksum'));
  // Not a message object: what copying its other fields gives (or throws), as always.
  const { checksum: _ignored, ...content } = message as unknown as HandoffMessage;
  return sha256Hex(canonical(content));
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
