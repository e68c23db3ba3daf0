import { currentChaos, formatValue, runInChaosScope } from '@chaos/config';
import type { AnyFunction } from '../FaultInjector.js';
import { type WithChaosOptions, withChaos } from '../withChaos.js';
import { withVirtualDeadline } from './deadline.js';
import { threadIdOf, threadRuntime } from './threadRuntime.js';

/**
 * The faults of one graph node. Each probability is the chance per node attempt that
 * the fault fires; one left out is `0`, so only fault-plan rules aimed at the node's
 * name fire it. The other options are those of `withChaos`.
 */
export interface NodeFaultOptions extends Omit<WithChaosOptions, 'crashProb' | 'timeoutProb' | 'delayProb' | 'hallucinationProb' | 'corruptionProb' | 'target' | 'signal'> {
  /** Chance that the node crashes (`AgentCrashError`) before it runs. @defaultValue `0` */
  readonly crash?: number;
  /** Chance that the node hangs `timeoutSeconds`, then fails (`AgentTimeoutError`). @defaultValue `0` */
  readonly timeout?: number;
  /** Chance that the node waits `delayMs`, then runs. @defaultValue `0` */
  readonly delay?: number;
  /** Chance that the node's state update is replaced by a plausible wrong one. @defaultValue `0` */
  readonly hallucination?: number;
  /**
   * Chance that the state handed to the node (a copy) has its `fields` corrupted: a
   * corrupted handoff from the nodes before it. @defaultValue `0`
   */
  readonly corruption?: number;
}

/** Options of {@link chaosNode}: the faults, and the node's own run timeout. */
export interface ChaosNodeOptions extends NodeFaultOptions {
  /**
   * The node's `timeout` (LangGraph's `runTimeout`, ms), enforced on the scope's clock
   * when it is virtual (see the README). {@link chaosNodes} reads it from the node.
   * @defaultValue none
   */
  readonly runTimeoutMs?: number;
}

const FAULT_KEYS = ['crash', 'timeout', 'delay', 'hallucination', 'corruption'] as const;

/**
 * Wraps one LangGraph node function with faults aimed at `name` (plan rules' target):
 * each attempt runs in the run's chaos scope seen from the graph's thread (`thread_id`
 * of the node's config), so faults, recoveries and metrics carry that thread. An
 * injected hang or delay ends when the node's signal aborts. With chaos disabled the
 * node runs as it is.
 *
 * @throws `TypeError` at once when `name` is empty, `node` is not a function, or an
 * option is invalid
 * @example
 * ```ts
 * builder.addNode('marketing', chaosNode('marketing', marketingNode, { crash: 0.1 }), { retryPolicy: { maxAttempts: 3 } });
 * ```
 */
export function chaosNode<F extends AnyFunction>(name: string, node: F, options: ChaosNodeOptions = {}): F {
  if (typeof name !== 'string' || name === '') throw new TypeError(`Expected the node name to be a non-empty string, got \`${formatValue(name)}\``);
  if (typeof node !== 'function') throw new TypeError(`Expected node "${name}" to be a function, got \`${formatValue(node)}\``);
  if (typeof options !== 'object' || options === null) throw new TypeError(`Expected the options of node "${name}" to be an object, got \`${formatValue(options)}\``);
  for (const key of FAULT_KEYS) {
    if (options[key] !== undefined && (typeof options[key] !== 'number' || !(options[key] >= 0 && options[key] <= 1))) {
      throw new TypeError(`Expected \`${key}\` of node "${name}" to be a number in [0, 1], got \`${formatValue(options[key])}\``);
    }
  }
  const { runTimeoutMs, crash, timeout, delay, hallucination, corruption, ...rest } = options;
  if (runTimeoutMs !== undefined && (typeof runTimeoutMs !== 'number' || !(runTimeoutMs > 0) || !Number.isFinite(runTimeoutMs))) {
    throw new TypeError(`Expected \`runTimeoutMs\` of node "${name}" to be a number > 0, got \`${formatValue(runTimeoutMs)}\``);
  }
  const injected = withChaos({
    ...rest,
    target: name,
    crashProb: crash ?? 0,
    timeoutProb: timeout ?? 0,
    delayProb: delay ?? 0,
    hallucinationProb: hallucination ?? 0,
    corruptionProb: corruption ?? 0,
    signal: (_state: unknown, config: unknown) => (config as { signal?: AbortSignal } | undefined)?.signal,
  })(node);
  const wrapped = function chaosNodeAttempt(this: unknown, state: unknown, config?: Record<string, unknown>, ...more: unknown[]): Promise<unknown> {
    const parent = currentChaos();
    if (!parent.config.enabled) return Promise.resolve(node.call(this, state, config, ...more));
    const threadId = threadIdOf(config);
    const runtime = threadId === undefined ? parent : threadRuntime(parent, threadId);
    return runInChaosScope(runtime, () =>
      withVirtualDeadline(runtime, name, runTimeoutMs, config, (attemptConfig) => injected.call(this, state, attemptConfig, ...more)),
    );
  };
  Object.defineProperty(wrapped, 'name', { value: node.name, configurable: true });
  return wrapped as unknown as F;
}

/** What {@link chaosNodes} needs of a `StateGraph` builder: its node specs. */
export interface ChaosGraphBuilder {
  readonly nodes: Record<string, unknown>;
}

/**
 * Wraps the nodes of a LangGraph `StateGraph` builder by name, before `compile()`:
 * `chaosNodes(builder, { product: { crash: 0.1 } })`, or `chaosNodes(builder)` for
 * every node with plan-driven faults only. Each node keeps its `retryPolicy`, and its
 * `timeout` is also enforced on the virtual clock. Target = node name, thread =
 * LangGraph's `thread_id`.
 *
 * @returns `builder`
 * @throws `TypeError` naming the node when it is unknown (listing the known ones) or was
 * not added as a function
 * @example
 * ```ts
 * const graph = chaosNodes(builder, { product: { crash: 0.1 }, marketing: { timeout: 0.05 } }).compile({ checkpointer });
 * ```
 */
export function chaosNodes<B extends ChaosGraphBuilder>(builder: B, nodes?: Readonly<Record<string, NodeFaultOptions>> | readonly string[]): B {
  const specs = (builder as ChaosGraphBuilder | null)?.nodes;
  if (typeof specs !== 'object' || specs === null) throw new TypeError(`Expected a LangGraph StateGraph builder (with \`nodes\`), got \`${formatValue(builder)}\``);
  const own = Object.keys(specs).filter((name) => !name.startsWith('__'));
  const chosen: [string, NodeFaultOptions][] =
    nodes === undefined ? own.map((name) => [name, {}]) : Array.isArray(nodes) ? (nodes as readonly string[]).map((name) => [name, {}]) : Object.entries(nodes as Record<string, NodeFaultOptions>);
  for (const [name, options] of chosen) {
    const spec = specs[name] as { runnable?: { func?: unknown }; timeout?: { runTimeout?: number } } | undefined;
    if (spec === undefined || name.startsWith('__')) {
      throw new TypeError(`Expected a node of the graph, got \`${formatValue(name)}\` (nodes: ${own.map((known) => `"${known}"`).join(', ')})`);
    }
    const runnable = spec.runnable;
    if (typeof runnable?.func !== 'function') {
      throw new TypeError(`Node "${name}" was not added as a function (a subgraph or a Runnable): wrap its function with chaosNode() instead`);
    }
    if (typeof options !== 'object' || options === null) throw new TypeError(`Expected the faults of node "${name}" to be an object, got \`${formatValue(options)}\``);
    const runTimeoutMs = spec.timeout?.runTimeout;
    runnable.func = chaosNode(name, runnable.func as AnyFunction, runTimeoutMs === undefined ? options : { ...options, runTimeoutMs });
  }
  return builder;
}
