import { describe, expect, it } from 'vitest';
import { CAMPAIGN_FAULTS, runAgentCampaign } from './marketingAgent.js';

describe('an AI SDK agent under a virtual-time campaign', () => {
  it('recovers from rate limits, slow tokens and stream cuts in every run', async () => {
    const summary = await runAgentCampaign({ runs: 40, seed: 'campaign', faults: CAMPAIGN_FAULTS });
    expect(summary.succeeded).toBe(40);
    for (const fault of ['model.rateLimit', 'model.slowTokens', 'model.streamCut']) expect(summary.faults[fault]).toBeGreaterThan(0);
    // Rate-limit waits and slow tokens took simulated time, not wall time.
    expect(summary.virtualMs).toBeGreaterThan(10_000);
    expect(summary.attempts).toBeGreaterThan(40);
  });

  it('fails runs when the agent does not retry or re-ask: the faults bite', async () => {
    const summary = await runAgentCampaign({ runs: 40, seed: 'campaign', faults: CAMPAIGN_FAULTS, broken: true });
    expect(summary.succeeded).toBeLessThan(35);
    expect(summary.succeeded).toBeGreaterThan(0);
  });

  it('replays: the same seed gives the same runs, faults and simulated time', async () => {
    const first = await runAgentCampaign({ runs: 15, seed: 'replay', faults: CAMPAIGN_FAULTS });
    const again = await runAgentCampaign({ runs: 15, seed: 'replay', faults: CAMPAIGN_FAULTS });
    expect(again).toEqual(first);
  });
});
