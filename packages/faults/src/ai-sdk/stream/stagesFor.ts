import type { FiredFault } from '../_internals/FaultDecider.js';
import { isAnswerFault } from '../generateFaults.js';
import type { ModelFaultName, ModelFaultSpec } from '../modelFaults.js';
import { EmptyResponseStage, HallucinationStage, MalformedToolCallStage, TruncateStage } from './answerStages.js';
import type { Stage, StreamEnv } from './faultStream.js';
import { CorruptChunksStage, SlowFirstTokenStage, SlowTokensStage, StreamCutStage } from './transportStages.js';

type StageClass = new (env: StreamEnv, fired: FiredFault<ModelFaultSpec>) => Stage;

/**
 * The stage of each stream fault, in the order they see a part: first what the model
 * says, then how the stream carries it (the first-token wait delays what the answer
 * faults let through; the cut comes last, after the slow deltas it counts).
 */
const STAGES: readonly (readonly [ModelFaultName, StageClass])[] = [
  ['emptyResponse', EmptyResponseStage],
  ['truncate', TruncateStage],
  ['contentFilter', TruncateStage],
  ['hallucination', HallucinationStage],
  ['malformedToolCall', MalformedToolCallStage],
  ['corruptChunks', CorruptChunksStage],
  ['slowFirstToken', SlowFirstTokenStage],
  ['slowTokens', SlowTokensStage],
  ['streamCut', StreamCutStage],
];

const TRANSPORT: ReadonlySet<ModelFaultName> = new Set(['corruptChunks', 'slowFirstToken', 'slowTokens', 'streamCut']);

/** The stages for the fired faults that act on the stream, in order; empty when none does. */
export function stagesFor(env: StreamEnv, fired: readonly FiredFault<ModelFaultSpec>[]): Stage[] {
  const stages: Stage[] = [];
  for (const [name, Stage] of STAGES) {
    const fault = fired.find((candidate) => candidate.spec.name === name && (TRANSPORT.has(name) || isAnswerFault(candidate)));
    if (fault !== undefined) stages.push(new Stage(env, fault));
  }
  return stages;
}
