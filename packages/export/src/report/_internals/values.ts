import type { ExportLabelValue } from '../../types.js';

/** Loose readers of JSON values from an export header or a user's context. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function labelsOf(value: unknown): [string, ExportLabelValue][] {
  if (!isRecord(value)) return [];
  return Object.entries(value).filter((entry): entry is [string, ExportLabelValue] => {
    const v = entry[1];
    return v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
  });
}

export function seedOf(value: unknown): string | number | null {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? value : null;
}

export function scenariosOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

export function packagesOf(value: unknown): [string, string | null][] {
  if (!isRecord(value)) return [];
  return Object.entries(value).map(([name, version]) => [name, typeof version === 'string' ? version : null]);
}
