import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { applyGates, checkGateScenarios, parseGates } from '../src/_internals/cli/gates.js';
import { junitReport } from '../src/_internals/cli/junit.js';
import { looksLikeJunit } from '../src/_internals/cli/junitFile.js';
import { UsageError } from '../src/_internals/cli/usage.js';
import { ChaosRunner, type RunnerSummary } from '../src/index.js';
// @ts-expect-error -- a JavaScript fixture without types
import { failsItsCheck, neverFires } from './fixtures/failingScenarios.mjs';
import { fixturesDir, throwingScenario } from './helpers.js';

const schemas = join(fixturesDir, 'junit');
const jenkinsXsd = readFileSync(join(schemas, 'jenkins-junit-10.xsd'), 'utf8');
const surefireXsd = readFileSync(join(schemas, 'surefire-test-report.xsd'), 'utf8');

/** Validation errors of `xml` against `xsd` (none: valid). */
async function schemaErrors(xml: string, xsd: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [xsd] });
  return result.valid ? [] : result.errors.map((error) => error.message);
}

/** Each `<testsuite>` of a `<testsuites>` document, as a document of its own (what Surefire writes per file). */
function suitesOf(xml: string): string[] {
  return [...xml.matchAll(/<testsuite [\s\S]*?<\/testsuite>/g)].map((match) => `<?xml version="1.0" encoding="UTF-8"?>\n${match[0]}\n`);
}

describe('junitReport', () => {
  let summary: RunnerSummary;

  beforeAll(async () => {
    // A run of every kind: held (the built-in), failed a check, inconclusive, threw.
    summary = await new ChaosRunner({
      scenarios: ['ProductCrashMidUpload', failsItsCheck, neverFires, throwingScenario('Throws <&> "quoted"')],
      runsPerScenario: 2,
      seed: 'junit',
      concurrency: 1,
    }).runAll();
  });

  it('writes a testsuite per scenario and a testcase per run, valid against the Jenkins JUnit schema', async () => {
    const gates = applyGates(parseGates(['successRate<99', 'ProductCrashMidUpload:mttr.p95>10s', 'Throws <&> "quoted":mttr.p95>1s']), summary);
    const xml = junitReport(summary, { command: 'chaos', gates });
    expect(await schemaErrors(xml, jenkinsXsd)).toEqual([]);
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)].map((m) => m.slice(1));
    expect(suites).toEqual([
      ['ProductCrashMidUpload', '2', '0', '0', '0'],
      ['FixtureFailsCheck', '2', '2', '0', '0'],
      ['FixtureNeverFires', '2', '0', '0', '2'],
      ['Throws &lt;&amp;&gt; &quot;quoted&quot;', '2', '0', '2', '0'],
      ['gates', '3', '1', '0', '1'],
    ]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="chaos run" tests="11" failures="3" errors="2" time="[\d.]+">/);
  });

  it('validates each testsuite against the Surefire schema', async () => {
    const xml = junitReport(summary, { command: 'chaos', gates: applyGates(parseGates(['nrr<0.5']), summary) });
    const suites = suitesOf(xml);
    expect(suites).toHaveLength(5);
    for (const suite of suites) expect(await schemaErrors(suite, surefireXsd)).toEqual([]);
  });

  it('is checked by schemas that do reject what CI dashboards would not read', async () => {
    const xml = junitReport(summary, { command: 'chaos', gates: [] });
    expect(await schemaErrors(xml.replace(/(<testsuite name="[^"]*") tests="\d+"/, '$1'), jenkinsXsd)).not.toEqual([]);
    const suite = suitesOf(xml)[1] ?? '';
    expect(await schemaErrors(suite.replace('type="SteadyStateViolated" ', ''), surefireXsd)).not.toEqual([]);
    expect(await schemaErrors(suite.replace(/time="([\d]+)\.\d+"/, 'time="$1.12345"'), surefireXsd)).not.toEqual([]);
  });

  it('says in a failed run’s testcase which check failed, the run seed and the replay command', () => {
    const xml = junitReport(summary, { command: 'pnpm chaos', gates: [] });
    const failed = /<testcase name="run 1" classname="FixtureFailsCheck" time="[\d.]+">\s*<failure type="SteadyStateViolated" message="([^"]*)">([^<]*)<\/failure>/.exec(xml);
    expect(failed?.[1]).toBe('check &quot;never&quot; failed: this check never holds');
    expect(failed?.[2]).toContain(`run seed: ${summary.results.filter((r) => r.scenario === 'FixtureFailsCheck')[1]?.seed}`);
    expect(failed?.[2]).toContain('replay: pnpm chaos replay --scenario FixtureFailsCheck --seed junit --run 1');
    expect(xml).toMatch(/<testcase name="run 0" classname="ProductCrashMidUpload" time="[\d.]+"\/>/);
    expect(xml).toMatch(/<testcase name="run 0" classname="FixtureNeverFires" time="[\d.]+">\s*<skipped message="[^"]+"\/>/);
    expect(xml).toMatch(/<error type="RunError" message="[^"]*boom from the scenario[^"]*">/);
  });

  it('lists the scenario’s figures as properties', () => {
    const xml = junitReport(summary, { command: 'chaos', gates: [] });
    const suite = suitesOf(xml)[0] ?? '';
    expect(suite).toContain('<property name="campaign.seed" value="junit"/>');
    expect(suite).toContain('<property name="successRate" value="100 %"/>');
    expect(suite).toMatch(/<property name="mttr.p95" value="[\d.]+ s"\/>/);
  });
});

describe('gates (--fail-on)', () => {
  let summary: RunnerSummary;

  beforeAll(async () => {
    summary = await new ChaosRunner({ scenarios: ['ProductCrashMidUpload', 'DelayedRecovery', failsItsCheck], runsPerScenario: 4, seed: 'gates', concurrency: 1 }).runAll();
  });

  it('fails a gate whose condition holds, naming it and the measured value', () => {
    const [success, mttr] = applyGates(parseGates(['successRate<99', 'mttr.p95>0.001s']), summary);
    // 8 of 12 runs held.
    expect(success?.status).toBe('failed');
    expect(success?.message).toBe('gate successRate<99 failed: successRate is 66.67 %, below 99 %');
    expect(mttr?.status).toBe('failed');
    expect(mttr?.message).toMatch(/^gate mttr\.p95>0\.001s failed: mttr\.p95 is [\d.]+ s, above 0\.001 s$/);
  });

  it('passes a gate whose condition does not hold, and reads a scenario’s own figures', () => {
    const [held, perScenario] = applyGates(parseGates(['correctRecoveryRate<50', 'ProductCrashMidUpload:successRate<99']), summary);
    expect(held?.status).toBe('passed');
    expect(held?.message).toBe(`gate correctRecoveryRate<50 passed: correctRecoveryRate is ${summary.recoveries.correctRate} %`);
    expect(perScenario?.message).toBe('gate ProductCrashMidUpload:successRate<99 passed: successRate of ProductCrashMidUpload is 100 %');
  });

  it('does not apply a gate whose figure was not measured, and says so', () => {
    const [gate] = applyGates(parseGates(['DelayedRecovery:mttr.p95>10s']), summary);
    expect(gate?.status).toBe('not measured');
    expect(gate?.message).toBe('gate DelayedRecovery:mttr.p95>10s: mttr.p95 of DelayedRecovery was not measured in this campaign, so the gate was not applied');
  });

  it('compares NRR as a plain number', () => {
    const [gate] = applyGates(parseGates(['nrr<0.5']), summary);
    expect(gate?.reading.value).toBe(summary.mttr.nrr);
    expect(gate?.status).toBe(summary.mttr.nrr === null ? 'not measured' : summary.mttr.nrr < 0.5 ? 'failed' : 'passed');
  });

  it('refuses a bad expression as a usage error naming it', () => {
    expect(() => parseGates(['successRate<<99'])).toThrow(UsageError);
    expect(() => parseGates(['mttr.p95>10s', 'sucessRate<99'])).toThrow('--fail-on "sucessRate<99" names an unknown figure "sucessRate"');
    expect(() => parseGates(['successRate<99s'])).toThrow('--fail-on "successRate<99s" is not an objective: successRate is a percentage');
  });

  it('refuses a gate about a scenario the campaign does not run', () => {
    expect(() => checkGateScenarios(parseGates(['Nope:nrr<0.5']), ['ProductCrashMidUpload'])).toThrow(
      '--fail-on "Nope:nrr<0.5" is about scenario "Nope", which this campaign does not run. Its scenarios: ProductCrashMidUpload',
    );
  });
});

describe('looksLikeJunit', () => {
  it('tells a JUnit file from anything else', () => {
    expect(looksLikeJunit('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="x">')).toBe(true);
    expect(looksLikeJunit('\uFEFF<?xml version="1.0"?><!-- by surefire --><testsuite name="x" tests="1">')).toBe(true);
    expect(looksLikeJunit('<testsuite>')).toBe(true);
    expect(looksLikeJunit('<?xml version="1.0"?><project>')).toBe(false);
    expect(looksLikeJunit('{"seed": "a"}')).toBe(false);
    expect(looksLikeJunit('<testsuitesque/>')).toBe(false);
  });
});
