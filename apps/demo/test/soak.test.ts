import { describe, expect, it } from 'vitest';
import { copyProblems, demoSoakScenario } from '../src/index.js';

const probabilities = {
  crashProbability: 0.1,
  delayProbability: 0.2,
  delayMs: 500,
  timeoutProbability: 0.05,
  timeoutSeconds: 30,
  hallucinationProbability: 0.1,
  corruptionProbability: 0.1,
};

describe('the demo system under random faults', () => {
  it('keeps its steady state, and recovers from every fault, across 60 seeded soak runs', async () => {
    const soak = demoSoakScenario(probabilities);
    const results = [];
    for (let i = 0; i < 60; i++) results.push(await soak.run({ seed: `soak-${i}` }));
    expect(results.filter((r) => !r.success).map((r) => `${r.seed}: ${r.error}`)).toEqual([]);
    expect(results.filter((r) => !r.recovered).map((r) => `${r.seed}: ${r.faults.length} faults, ${r.recoveries.length} recoveries`)).toEqual([]);
    const kinds = new Set(results.flatMap((r) => r.faults.map((f) => f.faultType)));
    expect([...kinds].sort()).toEqual(['corruption', 'crash', 'delay', 'hallucination', 'timeout']);
    const agents = new Set(results.flatMap((r) => r.recoveries.map((x) => x.agentId)));
    expect([...agents].sort()).toEqual(['bus', 'handoff', 'marketing', 'model', 'pricing', 'product']);
  });
});

describe('copyProblems', () => {
  const products = [
    { sku: 'A', name: 'Camp Stove', category: 'outdoor', priceCents: 1000, stock: 1 },
    { sku: 'B', name: 'Sun Hat', category: 'apparel', priceCents: 2000, stock: 1 },
  ];
  const prices = new Map([['A', 850], ['B', 1800]]);
  const faithful = { headline: '2 new picks, ready for the season', lines: ['★ Camp Stove at $8.50', '★ Sun Hat at $18.00'] };

  it('accepts faithful copy', () => {
    expect(copyProblems(faithful, products, prices)).toEqual([]);
  });

  it.each([
    ['a wrong count in the headline', { ...faithful, headline: '14 new picks, ready for the season' }, 'headline'],
    ['a changed price', { ...faithful, lines: ['★ Camp Stove at $9.50', '★ Sun Hat at $18.00'] }, 'line 1'],
    ['a swapped name', { ...faithful, lines: ['★ Camp Stove at $8.50', '★ Rain Hat at $18.00'] }, 'line 2'],
    ['a made-up claim', { ...faithful, lines: ['★ Camp Stove at $8.50. Ranked #1 by hikers', '★ Sun Hat at $18.00'] }, 'line 1'],
    ['a missing line', { ...faithful, lines: ['★ Camp Stove at $8.50'] }, '1 lines for 2 products'],
  ])('catches %s', (_, copy, problem) => {
    expect(copyProblems(copy, products, prices).join('\n')).toContain(problem);
  });
});
