/**
 * The AI SDK under test, whichever major is installed as `ai`: AI SDK 6 in the
 * workspace (Node 20), AI SDK 7 when `vitest.ai-sdk-v7.config.ts` maps `ai` and
 * `@ai-sdk/provider` to it (Node 22). Tests use only what both have.
 */
import * as aiTest from 'ai/test';
import { MockLanguageModelV3 } from 'ai/test';

type MockModelClass = typeof MockLanguageModelV3;

/** `MockLanguageModelV4` on AI SDK 7, `MockLanguageModelV3` on AI SDK 6. */
export const MockLanguageModel: MockModelClass =
  ((aiTest as Record<string, unknown>)['MockLanguageModelV4'] as MockModelClass | undefined) ?? MockLanguageModelV3;

/** The specification version of the installed SDK's own models. */
export const SPEC = new MockLanguageModel().specificationVersion as string;

/** The installed SDK's major version. */
export const SDK_MAJOR = SPEC === 'v4' ? 7 : 6;

export { generateObject, generateText, jsonSchema, streamObject, streamText, tool, wrapLanguageModel, RetryError, stepCountIs } from 'ai';
export { APICallError, getErrorMessage } from '@ai-sdk/provider';
