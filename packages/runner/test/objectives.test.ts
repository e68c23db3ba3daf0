import { describe, expect, it } from 'vitest';
import {
  checkObjectiveScenarios,
  FIGURES,
  type FigureGroup,
  formatFigure,
  ObjectiveSyntaxError,
  parseObjective,
  readObjective,
} from '../src/_internals/objectives.js';
import type { MttrStats, RecoveryStats } from '../src/types.js';

const mttr: MttrStats = {
  samples: 40,
  mean: 2,
  median: 1.5,
  std: 0.8,
  p90: 3.2,
  p95: 4,
  p99: 6,
  min: 0.4,
  max: 7,
  ci95: { low: 1.9, high: 2.3 },
  detectMean: 0.5,
  mtbf: 10,
  nrr: 0.8,
  nrrMedian: 0.85,
  uptime: 0.833,
};
const recoveries: RecoveryStats = {
  attempts: 50,
  successRate: 90,
  reconstructionAccuracy: 0.95,
  scored: 40,
  correct: 38,
  correctRate: 95,
  correctInterval: { low: 83.5, high: 98.6 },
};
const campaign: FigureGroup = {
  successRate: 97.5,
  successInterval: { low: 93.1, high: 99.2 },
  recoveryRate: 98,
  recoveryInterval: null,
  mttr,
  recoveries,
};
const slow: FigureGroup = { ...campaign, successRate: 80, mttr: { ...mttr, p95: 12, mean: null, ci95: null } };
const groups = (name: string): FigureGroup | undefined => (name === 'MarketingTimeout' ? slow : undefined);

describe('objectives', () => {
  it('reads a figure, an operator and a threshold in the figure’s unit', () => {
    expect(parseObjective('successRate<99')).toMatchObject({ scenario: undefined, operator: '<', threshold: 99, relative: false });
    expect(parseObjective('successRate < 99%')).toMatchObject({ threshold: 99 });
    expect(parseObjective('mttr.p95>10s')).toMatchObject({ operator: '>', threshold: 10 });
    expect(parseObjective('mttr.p95>=500ms').threshold).toBeCloseTo(0.5, 12);
    expect(parseObjective('mttr<=2min')).toMatchObject({ operator: '<=', threshold: 120 });
    expect(parseObjective('nrr<-0.25')).toMatchObject({ threshold: -0.25 });
    expect(parseObjective('uptime<90%').threshold).toBeCloseTo(0.9, 12);
    expect(parseObjective('mttr.ci95.halfwidth<5%')).toMatchObject({ threshold: 0.05, relative: true });
  });

  it('takes a scenario before the last colon', () => {
    expect(parseObjective('MarketingTimeout:mttr.p95>10s')).toMatchObject({ scenario: 'MarketingTimeout', threshold: 10 });
    expect(parseObjective('team:Checkout:nrr<0.5').scenario).toBe('team:Checkout');
  });

  it.each([
    ['', 'does not read as a comparison'],
    ['successRate', 'does not read as a comparison'],
    ['successRate=99', 'does not read as a comparison'],
    ['successRate<lots', 'does not read as a comparison'],
    ['mttr.p97>1s', 'unknown figure "mttr.p97"'],
    ['successRate<99s', 'is a percentage'],
    ['mttr.p95>10%', 'is a time'],
    ['nrr<5%', 'is a plain number'],
    [':nrr<0.5', 'scenario before ":" is empty'],
  ])('refuses %j, saying why', (text, why) => {
    expect(() => parseObjective(text)).toThrow(ObjectiveSyntaxError);
    expect(() => parseObjective(text)).toThrow(why);
  });

  it('lists the known figures when the figure is unknown', () => {
    expect(() => parseObjective('mtr<1')).toThrow(/Known figures: successRate, .*mttr\.p95.*nrrMedian/);
  });

  it('refuses an objective about a scenario the campaign does not run', () => {
    const objectives = ['successRate<99', 'MarketingTimeout:nrr<0.5'].map(parseObjective);
    expect(() => checkObjectiveScenarios(objectives, ['MarketingTimeout'])).not.toThrow();
    expect(() => checkObjectiveScenarios(objectives, ['CascadeFailure', 'DemoSoak'])).toThrow(
      /"MarketingTimeout:nrr<0.5" is about scenario "MarketingTimeout", which this campaign does not run. Its scenarios: CascadeFailure, DemoSoak/,
    );
  });

  it('reads the campaign or the named scenario, and says whether the condition holds', () => {
    expect(readObjective(parseObjective('successRate<99'), campaign, groups)).toMatchObject({ value: 97.5, threshold: 99, holds: true });
    expect(readObjective(parseObjective('successRate<97.5'), campaign, groups).holds).toBe(false);
    expect(readObjective(parseObjective('successRate<=97.5'), campaign, groups).holds).toBe(true);
    expect(readObjective(parseObjective('mttr.p95>10s'), campaign, groups)).toMatchObject({ value: 4, holds: false });
    expect(readObjective(parseObjective('MarketingTimeout:mttr.p95>10s'), campaign, groups)).toMatchObject({ value: 12, holds: true });
    expect(readObjective(parseObjective('correctRecoveryRate<95'), campaign, groups).holds).toBe(false);
    expect(readObjective(parseObjective('uptime>=83%'), campaign, groups).holds).toBe(true);
  });

  it('resolves a relative threshold against the figure’s reference', () => {
    // Half-width 0.2 s of an MTTR-A of 2 s: 10 %.
    expect(readObjective(parseObjective('mttr.ci95.halfwidth<5%'), campaign, groups)).toMatchObject({ threshold: 0.1, holds: false });
    const reading = readObjective(parseObjective('mttr.ci95.halfwidth<=10.5%'), campaign, groups);
    expect(reading.value).toBeCloseTo(0.2, 12);
    expect(reading.holds).toBe(true);
  });

  it('says neither yes nor no when the figure was not measured', () => {
    expect(readObjective(parseObjective('MarketingTimeout:mttr<3s'), campaign, groups)).toMatchObject({ value: null, holds: null });
    expect(readObjective(parseObjective('MarketingTimeout:mttr.ci95.halfwidth<5%'), campaign, groups)).toMatchObject({ threshold: null, holds: null });
    expect(readObjective(parseObjective('Elsewhere:mttr<3s'), campaign, groups).holds).toBeNull();
  });

  it('gives each figure a value function and a unique name', () => {
    expect(new Set(FIGURES.map((f) => f.name)).size).toBe(FIGURES.length);
    for (const figure of FIGURES) expect(() => figure.value(campaign)).not.toThrow();
  });

  it('formats a value in its unit', () => {
    expect(formatFigure('percent', 97.5)).toBe('97.5 %');
    expect(formatFigure('seconds', 12.34567)).toBe('12.346 s');
    expect(formatFigure('ratio', -0.12345)).toBe('-0.1235');
    expect(formatFigure('seconds', null)).toBe('not measured');
  });
});
