/**
 * The exports of three seeded campaigns, byte for byte, against files recorded from an
 * earlier build: the reference workflow under the built-in scenarios, the demo system
 * under the built-ins and a soak, and the demo with its broken reconstructor. A change
 * meant to move code around (not to change what it does) must leave them identical;
 * a change that alters results on purpose re-records them (`pnpm vitest run --project demo
 * apps/demo/test/exportsFixture.test.ts -u`) and says why in its commit.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportCampaign, fixtureCampaigns } from './fixtureCampaigns.js';

const out = mkdtempSync(join(tmpdir(), 'chaos-fixture-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('exports of seeded campaigns, against the recorded fixture', () => {
  it.each(Object.keys(fixtureCampaigns))('%s: the events and MTTR CSVs are byte-identical', async (name) => {
    const files = await exportCampaign(name, join(out, name));
    for (const [kind, path] of Object.entries(files)) {
      // Under CI=true a missing fixture fails rather than being written.
      await expect(readFileSync(path, 'utf8')).toMatchFileSnapshot(`./fixtures/exports/${name}.${kind}.csv`);
    }
  });
});
