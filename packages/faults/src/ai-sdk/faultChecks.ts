import {
  type FaultOptionChecksByKind,
  type FaultOptionChecksOf,
  OPTION_CHECKS,
  type OptionCheck,
  faultOptionChecks,
  oneOfCheck,
  someOfCheck,
  strategyCheck,
} from '@chaos/config';

/*
 * The option checks of the `model.*` and `tool.*` fault kinds: what a wrapper's fault
 * option and a plan rule may say. Registered with `@chaos/config` when this entry
 * loads, so plans check those rules when they are made; kept out of the core bundle.
 */

const { duration, index, function: fn, text, probability, any } = OPTION_CHECKS;
const openFraction: OptionCheck = [(value) => typeof value === 'number' && value > 0 && value < 1, 'a number in (0, 1)'];
const message = { message: text };
// The core kinds' checks: a latency is a delay's options, a hang a timeout's.
const latency = faultOptionChecks('delay') as FaultOptionChecksOf<'delay'>;
const hang = faultOptionChecks('timeout') as FaultOptionChecksOf<'timeout'>;
const hallucination = { strategy: strategyCheck, hallucinate: fn };

export const AI_SDK_FAULT_CHECKS: FaultOptionChecksByKind = {
  'model.authError': message,
  'model.contextLength': message,
  'model.contentFilter': { ...message, as: oneOfCheck(['error', 'finish']), keep: openFraction, afterChunks: index },
  'model.rateLimit': { ...message, retryAfterMs: [(value) => value === null || duration[0](value), duration[1]] },
  'model.overloaded': message,
  'model.serverError': { ...message, statusCode: [(value) => Number.isInteger(value) && (value as number) >= 500 && (value as number) <= 599, 'an integer in 500–599'] },
  'model.timeout': hang,
  'model.slowFirstToken': latency,
  'model.emptyResponse': {},
  'model.truncate': { keep: openFraction, afterChunks: index },
  'model.hallucination': hallucination,
  'model.malformedToolCall': { damage: someOfCheck(['invalidJson', 'missingField', 'unknownTool']) },
  'model.corruptChunks': { rate: probability, damage: someOfCheck(['garble', 'drop', 'duplicate']) },
  'model.slowTokens': latency,
  'model.streamCut': { mode: oneOfCheck(['error', 'drop', 'hang']), afterChunks: index, timeoutSeconds: duration },
  'tool.error': message,
  'tool.timeout': hang,
  'tool.slow': latency,
  'tool.empty': { value: any },
  'tool.mutate': hallucination,
};
