import { isPlainObject } from '../corruption/deepCopy.js';

/** A value as a description quotes it: short, and never the whole of a large value. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' ? `${value}n` : String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date && Number.isFinite(value.getTime())) return value.toISOString();
  return isPlainObject(value) ? 'an object' : Object.prototype.toString.call(value);
}

/** `items[2].price`-style paths, as a reader of the description would write them. */
export function childPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}
