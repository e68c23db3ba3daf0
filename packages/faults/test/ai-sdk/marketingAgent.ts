/**
 * An example agent on the AI SDK, as a user would write it: it looks a product up with
 * a tool, then streams a pitch. It runs offline on a scripted mock model. Its
 * resilience: the SDK's retry moved onto the scope's clock (`retryMiddleware`, with the
 * SDK's own `maxRetries: 0`) for rate limits and outages, and a re-ask when the stream
 * is cut or the pitch comes out wrong.
 *
 * The tests run small campaigns of it; `bench/ai-sdk.mjs` bundles this file (with the
 * built `@chaos/faults/ai-sdk` in place of the sources) and times 1,000 runs.
 */
import { type ChaosEvent, createChaosRuntime, createVirtualClock, runInChaosScope } from '@chaos/config';
import { type ChaosMiddlewareOptions, chaosMiddleware, retryMiddleware } from '../../src/ai-sdk.js';
import { scriptedModel } from './script.js';
import { jsonSchema, stepCountIs, streamText, tool, wrapLanguageModel } from './sdk.js';

const CATALOGUE: Readonly<Record<string, { name: string; price: number }>> = { 'MUG-BLUE': { name: 'Blue mug', price: 19.99 } };

const lookup = tool({
  description: 'Looks a product up by SKU',
  inputSchema: jsonSchema<{ sku: string }>({ type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] }),
  execute: async ({ sku }) => CATALOGUE[sku] ?? { error: `unknown sku ${sku}` },
});

/** The model's script: ask for the product, then pitch it with what the tool returned. */
export function marketingModel() {
  return scriptedModel((prompt) => {
    const last = prompt.at(-1) as { role: string; content: { output?: { value?: { name?: string; price?: number } } }[] };
    if (last.role !== 'tool') return { toolCalls: [{ toolName: 'lookup', input: { sku: 'MUG-BLUE' } }] };
    const product = last.content[0]?.output?.value ?? {};
    const pitch = `Meet the ${product.name}: handmade stoneware that keeps your coffee hot for hours, dishwasher safe, and yours for just $${product.price}. Order today and it ships tomorrow.`;
    return { text: pitch };
  }, 'marketing-model');
}

/** The outcome of one run of the agent. */
export interface PitchOutcome {
  readonly ok: boolean;
  readonly attempts: number;
  readonly text: string;
}

/** A pitch is right when it names the product and its price. */
function isRight(text: string): boolean {
  return text.includes('Blue mug') && text.includes('$19.99') && text.endsWith('ships tomorrow.');
}

/**
 * Streams a pitch; re-asks (up to `maxAttempts` times) after a failed call, a cut
 * stream or a wrong pitch.
 */
export async function writePitch(model: Parameters<typeof streamText>[0]['model'], maxAttempts = 3): Promise<PitchOutcome> {
  let text = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const result = streamText({
      model,
      system: 'You write short product pitches.',
      prompt: 'Write a pitch for MUG-BLUE.',
      tools: { lookup },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
      onError: () => undefined,
    });
    let failed = false;
    try {
      for await (const part of result.fullStream) if (part.type === 'error') failed = true;
      text = await result.text;
    } catch {
      failed = true;
    }
    if (!failed && isRight(text)) return { ok: true, attempts: attempt, text };
  }
  return { ok: false, attempts: maxAttempts, text };
}

/** Options of {@link runAgentCampaign}. */
export interface AgentCampaignOptions {
  readonly runs: number;
  readonly seed: string;
  readonly faults: ChaosMiddlewareOptions;
  /** Leave out the agent's resilience (retry and re-ask), to see the faults bite. */
  readonly broken?: boolean;
}

/** What a campaign gave. */
export interface AgentCampaignSummary {
  readonly runs: number;
  readonly succeeded: number;
  readonly attempts: number;
  readonly faults: Readonly<Record<string, number>>;
  /** Simulated time, summed over runs, in ms. */
  readonly virtualMs: number;
  readonly outcomes: readonly PitchOutcome[];
}

/**
 * Runs the agent `runs` times, each in its own chaos scope with a virtual clock and a
 * seed derived from `seed`, and counts what happened.
 */
export async function runAgentCampaign(options: AgentCampaignOptions): Promise<AgentCampaignSummary> {
  const chaos = chaosMiddleware(options.faults);
  const middleware = options.broken ? [chaos] : [retryMiddleware(), chaos];
  const faults: Record<string, number> = {};
  const outcomes: PitchOutcome[] = [];
  let virtualMs = 0;
  for (let run = 0; run < options.runs; run++) {
    const clock = createVirtualClock();
    const runtime = createChaosRuntime({
      config: { enabled: true },
      clock,
      seed: `${options.seed}/${run}`,
      runId: `run-${run}`,
      emit: (event: ChaosEvent) => {
        if (event.kind === 'fault') {
          const fault = (event as ChaosEvent & { fault: string }).fault;
          faults[fault] = (faults[fault] ?? 0) + 1;
        }
      },
    });
    const model = wrapLanguageModel({ model: marketingModel(), middleware });
    outcomes.push(await runInChaosScope(runtime, () => writePitch(model, options.broken ? 1 : 3)));
    virtualMs += clock.now();
    clock.dispose();
  }
  return {
    runs: options.runs,
    succeeded: outcomes.filter((outcome) => outcome.ok).length,
    attempts: outcomes.reduce((sum, outcome) => sum + outcome.attempts, 0),
    faults,
    virtualMs,
    outcomes,
  };
}

/** The campaign the tests and the bench run: rate limits, slow tokens and stream cuts. */
export const CAMPAIGN_FAULTS: ChaosMiddlewareOptions = {
  rateLimit: { probability: 0.2, retryAfterMs: 1000 },
  slowTokens: { probability: 0.3, delayMs: 40, jitterMs: 20 },
  streamCut: { probability: 0.1, mode: 'error' },
};
