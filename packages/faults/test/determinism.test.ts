import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Strips comments, so documentation may name what the code must not call. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('library code reads time and randomness only from the scope', () => {
  const forbidden = [
    /\bDate\.now\s*\(/,
    /\bnew Date\s*\(\s*\)/,
    /\bperformance\.now\s*\(/,
    /\bMath\.random\s*\(/,
    /\bsetTimeout\s*\(/,
    /\bsetInterval\s*\(/,
    /\bsetImmediate\s*\(/,
    /\bnew AbortController\s*\(/,
    /\bcrypto\./,
  ];
  const files = sourceFiles(src);
  /**
   * Allowed where a pattern is the point and off every per-call path: the LangGraph node
   * deadline aborts a node attempt's signal (one controller per attempt of a node with a
   * `timeout`, under the virtual clock only).
   */
  const abortController = forbidden[7];
  const allowed: Readonly<Record<string, RegExp | undefined>> = { [join('langgraph', 'deadline.ts')]: abortController };

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((path) => [relative(src, path), path]))('%s calls no clock, timer or global random', (_name, path) => {
    const text = code(path);
    for (const pattern of forbidden) if (allowed[_name] !== pattern) expect(text).not.toMatch(pattern);
  });
});
