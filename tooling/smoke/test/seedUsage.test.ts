/**
 * The seed's usage of the metrics, with the published packages as a user installs them:
 * a crash fired by an injector outside any chaos scope, caught, and its recovery measured
 * through the process-wide store.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const smokeDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs an ES module script in a fresh Node process and returns what it printed as JSON. */
function run(source: string): unknown {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: smokeDir, encoding: 'utf8', timeout: 20_000 });
  return JSON.parse(output) as unknown;
}

describe('the seed’s usage, with the built packages', () => {
  it('measures a recovery through getMetrics() from a crash an injector fired outside any scope', () => {
    const result = run(`
      import { enableChaos, injectCrash, isAgentCrashError } from '@chaos/faults';
      import { getMetrics } from '@chaos/metrics';
      enableChaos();
      const metrics = getMetrics();
      metrics.startMeasurement();
      const upload = injectCrash({ probability: 1, target: 'product', tags: { model: 'm1' } })(() => 'uploaded');
      let crash;
      try { upload(); } catch (error) { crash = error; }
      await metrics.measureRecovery('product', 'default', 'crash', async (event) => { event.tags.reflex = 'restart'; });
      const [recovery] = [...metrics.iterateRecoveries()];
      console.log(JSON.stringify({
        isCrash: isAgentCrashError(crash),
        faults: metrics.faultCount,
        faultAt: recovery.faultAt === crash.faultAt,
        source: recovery.faultTimeSource,
        tags: recovery.tags,
        byTag: Object.keys(metrics.getSummary().byTag),
      }));
    `);
    expect(result).toEqual({ isCrash: true, faults: 1, faultAt: true, source: 'recorded', tags: { model: 'm1', reflex: 'restart' }, byTag: ['model', 'reflex'] });
  });

  it('measures from the error itself with { fault: error }, and from the measurement start with no fault at all', () => {
    const result = run(`
      import { enableChaos, injectCrash } from '@chaos/faults';
      import { ResilienceMetrics } from '@chaos/metrics';
      enableChaos();
      const metrics = new ResilienceMetrics(); // listens to nothing: the fault is not recorded
      let crash;
      try { injectCrash({ probability: 1, target: 'agent-1' })(() => 1)(); } catch (error) { crash = error; }
      await metrics.measureRecovery('agent-1', 'thread-1', 'crash', () => undefined, { fault: crash });
      await metrics.measureRecovery('agent-2', 'thread-1', 'crash', () => undefined);
      const [fromError, fromStart] = [...metrics.iterateRecoveries()];
      console.log(JSON.stringify({ sources: [fromError.faultTimeSource, fromStart.faultTimeSource], fromErrorTime: fromError.faultAt === crash.faultAt, startIsDetection: fromStart.faultAt === fromStart.detectedAt }));
    `);
    expect(result).toEqual({ sources: ['given', 'measurement-start'], fromErrorTime: true, startIsDetection: true });
  });
});
