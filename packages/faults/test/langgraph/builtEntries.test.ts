import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProblem, missingIn } from '../../../../tooling/test-utils/src/index.js';

/*
 * The built subpath entries use the classes of the built main entry: an error thrown in
 * a `chaosNode` is `instanceof AgentCrashError` as a user imports it from
 * `@chaos/faults`, in ESM and in CommonJS. Run in a fresh Node process, so the built
 * files (and `@chaos/faults` inside them) resolve as in a user's project, not through the
 * test's aliases to the sources.
 */

const dist = (file: string): string => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));

const stale = missingIn(
  'the tests of the built subpath entries',
  buildProblem('faults', ['index.js', 'index.cjs', 'langgraph.js', 'langgraph.cjs', 'ai-sdk.js', 'ai-sdk.cjs', 'otel.js', 'otel.cjs']) ??
    buildProblem('config', ['index.js', 'index.cjs']),
);

/** What a crashing `chaosNode` rejects with, seen from the main entry. */
const CRASH = `
  core.enableChaos();
  const node = chaosNode('product', () => ({ done: true }), { crash: 1 });
  const error = await node({}, {}).then(() => undefined, (rejected) => rejected);
  console.log(JSON.stringify({ name: error?.name, instance: error instanceof core.AgentCrashError, chaosError: error instanceof core.ChaosError }));
`;

function run(inputType: 'module' | 'commonjs', source: string): unknown {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHAOS_')));
  return JSON.parse(execFileSync(process.execPath, [`--input-type=${inputType}`, '-e', source], { encoding: 'utf8', env }));
}

describe.skipIf(stale)('the built subpath entries', () => {
  it('throw the AgentCrashError of the main entry from a chaosNode (ESM)', () => {
    const result = run(
      'module',
      `const core = await import(${JSON.stringify(pathToFileURL(dist('index.js')).href)});
       const { chaosNode } = await import(${JSON.stringify(pathToFileURL(dist('langgraph.js')).href)});
       ${CRASH}`,
    );
    expect(result).toEqual({ name: 'AgentCrashError', instance: true, chaosError: true });
  });

  it('throw the AgentCrashError of the main entry from a chaosNode (CommonJS)', () => {
    const result = run(
      'commonjs',
      `(async () => {
         const core = require(${JSON.stringify(dist('index.cjs'))});
         const { chaosNode } = require(${JSON.stringify(dist('langgraph.cjs'))});
         ${CRASH}
       })();`,
    );
    expect(result).toEqual({ name: 'AgentCrashError', instance: true, chaosError: true });
  });

  it.each(['langgraph.js', 'langgraph.cjs', 'ai-sdk.js', 'ai-sdk.cjs', 'otel.js', 'otel.cjs'])('%s carries no copy of the core', (file) => {
    const code = readFileSync(dist(file), 'utf8');
    // A definition, as esbuild writes it (`var AgentCrashError = class …`, renamed `…2` on a clash).
    expect(code).not.toMatch(/\b(?:class|function|var|let|const) (?:AgentCrashError|AgentTimeoutError|MessageCorruptionError|withChaos|defaultHallucinator|formatValue)\d*\b/);
  });
});
