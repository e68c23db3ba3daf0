import { type ChaosRuntime, type HallucinationStrategy, type Hallucinator, type Tags, currentChaos, formatValue, ruleIdOf, validateTags } from '@chaos/config';
import { checkKnownKeys, checkTarget } from '../_internals/validate.js';
import { defaultHallucinator } from '../hallucination/hallucinate.js';
import { settleWith, watchCall } from './_internals/watchCall.js';
import { FaultDecider, type FiredFault } from './_internals/FaultDecider.js';
import { drawLatency } from './_internals/latency.js';
import { type ParsedFault, parseFaultOption, refuseForeignFaults } from './faultOptions.js';
import { MODEL_FAULTS } from './modelFaults.js';
import { ToolFaultError } from './ToolFaultError.js';
import { TOOL_FAULTS, type ToolFaultOptions, type ToolFaultSpec, emptied } from './toolFaults.js';

/** An AI SDK tool, as far as `chaosTool` needs it: its `execute`, if it has one. */
export interface ChaosToolLike {
  // The tool's own input and options types pass through untouched.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tool's execute
  readonly execute?: ((input: any, options: any) => unknown) | undefined;
}

/** Options of {@link chaosTool}: the faults, and the tool's name. */
export interface ChaosToolOptions extends ToolFaultOptions {
  /** The tool's name as the model calls it: what plan rules aim at and events report. */
  readonly target: string;
  /** Labels carried by every fault event of this tool. */
  readonly tags?: Tags;
}

/** Options of {@link chaosTools}. */
export interface ChaosToolsOptions<Names extends string = string> extends ToolFaultOptions {
  /** Faults per tool, by name, in place of the shared ones for that tool. */
  readonly tools?: { readonly [Name in Names]?: ToolFaultOptions };
  /** Labels carried by every fault event of these tools. */
  readonly tags?: Tags;
}

const MODEL_ONLY: Readonly<Record<string, string>> = Object.fromEntries(
  MODEL_FAULTS.filter((spec) => spec.name !== 'timeout').map((spec) => [spec.name, 'models: use `chaosMiddleware` / `chaosModel`']),
);
const FAULT_KEYS = TOOL_FAULTS.map((spec) => spec.name);
const always = (): boolean => true;

function parseToolFaults(owner: string, options: ToolFaultOptions): ParsedFault<ToolFaultSpec>[] {
  const record = options as Readonly<Record<string, unknown>>;
  return TOOL_FAULTS.filter((spec) => record[spec.name] !== undefined).map((spec) => parseFaultOption(owner, spec, record[spec.name]));
}

const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor as unknown;

/**
 * The tool with faults at its `execute`: it throws (`error`), hangs (`timeout`), is
 * slow (`slow`), returns nothing (`empty`) or a plausible wrong result (`mutate`) — by
 * probability, by `trigger`, or by a `tool.*` rule of the scope's plan aimed at
 * `target`, seeded and on the scope's clock like every fault. The AI SDK hands the
 * tool's errors to the model as a tool error, as it would a real failure.
 *
 * The result is a copy of the tool with `execute` wrapped; the tool is not changed.
 * With chaos disabled, `execute` is called straight through.
 *
 * @throws `TypeError` at once when an option is invalid or unknown, names a model fault,
 *   or when the tool has no `execute` (a tool the client runs cannot fail here)
 * @example
 * ```ts
 * const search = chaosTool(searchTool, { target: 'search', timeout: 0.1, empty: 0.2 });
 * ```
 */
export function chaosTool<Tool extends ChaosToolLike>(tool: Tool, options: ChaosToolOptions): Tool {
  if (typeof options === 'object' && options !== null) refuseForeignFaults('chaosTool', options, MODEL_ONLY);
  checkKnownKeys(options, ['target', 'tags', ...FAULT_KEYS], 'chaosTool');
  const target = checkTarget('target', options.target);
  if (target === undefined) throw new TypeError('Expected `target` of chaosTool to be the tool\'s name (a non-empty string), got `undefined`');
  const { tags, ...faultOptions } = options;
  return wrapTool(tool, target, parseToolFaults('chaosTool', faultOptions), `chaosTool (target "${target}")`, validateTags(tags, 'tags'));
}

/**
 * Every tool of a tool set with faults, each aimed at its name: the shared faults, or
 * the tool's own under `tools`. Tools without `execute` are left as they are (the
 * client runs them), unless `tools` names one: that is refused.
 *
 * @throws `TypeError` at once when an option is invalid, or `tools` names a tool that
 *   is not in the set or has no `execute`
 * @example
 * ```ts
 * const tools = chaosTools({ search, checkout }, { slow: 0.2, tools: { checkout: { error: 0.1 } } });
 * ```
 */
export function chaosTools<Tools extends Readonly<Record<string, ChaosToolLike>>>(
  tools: Tools,
  options: ChaosToolsOptions<Extract<keyof Tools, string>> = {},
): Tools {
  if (typeof tools !== 'object' || tools === null) throw new TypeError(`Expected \`tools\` to be an object of tools, got \`${formatValue(tools)}\``);
  if (typeof options === 'object' && options !== null) refuseForeignFaults('chaosTools', options, MODEL_ONLY);
  checkKnownKeys(options, ['tools', 'tags', ...FAULT_KEYS], 'chaosTools');
  const own = (options.tools ?? {}) as Readonly<Record<string, ToolFaultOptions | undefined>>;
  checkKnownKeys(own, Object.keys(tools), 'chaosTools', ' (`tools` names tools of the set)');
  const { tools: _own, tags: givenTags, ...shared } = options;
  const tags = validateTags(givenTags, 'tags');
  const sharedFaults = parseToolFaults('chaosTools', shared);
  const wrapped: Record<string, ChaosToolLike> = {};
  for (const [name, tool] of Object.entries(tools)) {
    const ownOptions = own[name];
    if (ownOptions !== undefined) {
      refuseForeignFaults(`chaosTools (tool "${name}")`, ownOptions, MODEL_ONLY);
      checkKnownKeys(ownOptions, FAULT_KEYS, `chaosTools (tool "${name}")`);
    }
    const faults = ownOptions === undefined ? sharedFaults : parseToolFaults(`chaosTools (tool "${name}")`, ownOptions);
    wrapped[name] = typeof tool.execute !== 'function' && ownOptions === undefined ? tool : wrapTool(tool, name, faults, `chaosTools (tool "${name}")`, tags);
  }
  return wrapped as Tools;
}

function wrapTool<Tool extends ChaosToolLike>(tool: Tool, target: string, faults: ParsedFault<ToolFaultSpec>[], owner: string, tags: Tags | undefined): Tool {
  const execute = (tool as ChaosToolLike | null)?.execute;
  if (typeof execute !== 'function') {
    throw new TypeError(`Expected the tool of ${owner} to have an \`execute\` function, got \`${formatValue(execute)}\`: a tool the client runs cannot fail here`);
  }
  const decider = new FaultDecider(TOOL_FAULTS, faults, 'tool', tags);
  const yields = execute.constructor === AsyncGeneratorFunction;
  function chaosExecute(this: unknown, input: unknown, callOptions: unknown): unknown {
    const runtime = currentChaos();
    if (!runtime.config.enabled) return Reflect.apply(execute as (...args: unknown[]) => unknown, this, [input, callOptions]);
    const run = (): unknown => Reflect.apply(execute as (...args: unknown[]) => unknown, this, [input, callOptions]);
    const fired = decider.decide(runtime, target, always);
    const watch = yields ? undefined : watchCall(runtime, target, fired !== undefined);
    if (fired === undefined) return watch === undefined ? run() : settleWith(watch, async () => run());
    const call = new FaultedToolCall(runtime, decider, fired, target, (callOptions as { abortSignal?: AbortSignal } | undefined)?.abortSignal);
    return yields ? call.iterate(run) : settleWith(watch, () => call.execute(run));
  }
  return { ...tool, execute: chaosExecute };
}

/** One tool call some faults fired on. */
class FaultedToolCall {
  constructor(
    private readonly runtime: ChaosRuntime,
    private readonly decider: FaultDecider<ToolFaultSpec>,
    private readonly fired: FiredFault<ToolFaultSpec>[],
    private readonly target: string,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async execute(run: () => unknown): Promise<unknown> {
    await this.before();
    return this.after(await run());
  }

  /** For a tool that yields results: the faults before it runs, and on its last result. */
  async *iterate(run: () => unknown): AsyncGenerator<unknown, void, undefined> {
    await this.before();
    let last: { value: unknown } | undefined;
    for await (const value of run() as AsyncIterable<unknown>) {
      if (last !== undefined) yield last.value;
      last = { value };
    }
    if (last !== undefined) yield this.after(last.value);
  }

  /** The error, the hang and the wait, in that order. */
  private async before(): Promise<void> {
    const { runtime, decider } = this;
    for (const fired of this.fired) {
      const settings = fired.settings;
      const ruleId = fired.decision === true ? undefined : ruleIdOf(fired.decision);
      switch (fired.spec.name) {
        case 'error':
          decider.emit(runtime, fired, {});
          throw new ToolFaultError({ fault: 'tool.error', target: this.target, message: settings['message'] as string | undefined, seed: runtime.seed, runId: runtime.runId, ruleId });
        case 'timeout': {
          const timeoutSeconds = (settings['timeoutSeconds'] as number | undefined) ?? runtime.config.timeoutSeconds;
          decider.emit(runtime, fired, { timeoutSeconds });
          await runtime.clock.sleep(timeoutSeconds * 1000, this.signal);
          throw new ToolFaultError({ fault: 'tool.timeout', target: this.target, timeoutSeconds, seed: runtime.seed, runId: runtime.runId, ruleId });
        }
        case 'slow': {
          const latency = drawLatency(settings, runtime.config.delayMs, runtime.stream(fired.site.detailLabel));
          decider.emit(runtime, fired, { ...latency });
          await runtime.clock.sleep(latency.delayMs, this.signal);
          break;
        }
      }
    }
  }

  /** `empty`, then `mutate`, on the tool's result. */
  private after(result: unknown): unknown {
    const { runtime, decider } = this;
    let value = result;
    for (const fired of this.fired) {
      const settings = fired.settings;
      if (fired.spec.name === 'empty') {
        const empty = 'value' in settings ? settings['value'] : emptied(value);
        decider.emit(runtime, fired, { before: value, after: empty });
        value = empty;
      } else if (fired.spec.name === 'mutate') {
        const hallucinate = (settings['hallucinate'] as Hallucinator | undefined) ?? defaultHallucinator;
        const altered = hallucinate(value, runtime.stream(fired.site.detailLabel), settings['strategy'] as readonly HallucinationStrategy[] | undefined);
        if (typeof altered !== 'object' || altered === null || typeof altered.strategy !== 'string') {
          throw new TypeError(`Expected \`hallucinate\` to return { value, strategy, description }, got \`${formatValue(altered)}\``);
        }
        decider.emit(runtime, fired, {
          strategy: altered.strategy,
          description: altered.description,
          changed: altered.strategy !== 'unchanged',
          before: value,
          after: altered.value,
        });
        value = altered.value;
      }
    }
    return value;
  }
}
