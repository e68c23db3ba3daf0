import { type ChaosEvent, type FaultEvent, currentChaos } from '@chaos/config';
import { type Attributes, type Counter, type Histogram, type MeterProvider, context, createContextKey, createNoopMeter, metrics, trace } from '@opentelemetry/api';
import { type LogAttributes, type Logger, type LoggerProvider, SeverityNumber, logs } from '@opentelemetry/api-logs';
import { ATTR, type ObservedEvent, type RecoveryEventLike, defaultAgentName, errorTypeOf, operationOf, seedOf } from './records.js';

/** Options of {@link chaosTelemetry}. */
export interface ChaosTelemetryOptions {
  /**
   * Where the log records go.
   * @defaultValue the global one (`logs.getLoggerProvider()` of `@opentelemetry/api-logs`) when an SDK registered it before the sink was made
   */
  readonly loggerProvider?: LoggerProvider;
  /**
   * Where the metrics go.
   * @defaultValue the global one (`metrics.getMeterProvider()`) as it is when the sink is made
   */
  readonly meterProvider?: MeterProvider;
  /**
   * The instrumentation scope of the logger and the meter.
   * @defaultValue `'@chaos/faults'`
   */
  readonly scopeName?: string;
  /**
   * The agent an event belongs to (`gen_ai.agent.name`), when the default does not know
   * it: a recovery's agent, else the fault's `gen_ai.agent.name` or `agent` tag.
   */
  readonly agentName?: (event: ObservedEvent) => string | undefined;
}

/** An event sink that turns faults and recoveries into OpenTelemetry logs and metrics. */
export type ChaosTelemetrySink = (event: ChaosEvent) => void;

/** The instruments of the meter provider in use. */
interface Instruments {
  readonly faults: Counter;
  readonly recoveryDuration: Histogram;
}

const NOOP_METER_PROTOTYPE: unknown = Object.getPrototypeOf(createNoopMeter());

/**
 * Where `@opentelemetry/api-logs` keeps the global logger provider (its cross-version
 * contract: `logs.getLoggerProvider()` reads it). Present once an SDK registered one.
 */
const GLOBAL_LOGS_KEY = Symbol.for('io.opentelemetry.js.api.logs');

/** The logger of the given provider, else of the global one when an SDK registered it. */
function loggerOf(options: ChaosTelemetryOptions, scopeName: string): Logger | undefined {
  if (options.loggerProvider !== undefined) return options.loggerProvider.getLogger(scopeName);
  return GLOBAL_LOGS_KEY in globalThis ? logs.getLoggerProvider().getLogger(scopeName) : undefined;
}

/** The instruments of the given meter provider, else the global one; none for OpenTelemetry's no-op meter. */
function instrumentsOf(options: ChaosTelemetryOptions, scopeName: string): Instruments | undefined {
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(scopeName);
  if (Object.getPrototypeOf(meter) === NOOP_METER_PROTOTYPE) return undefined;
  return {
    faults: meter.createCounter('chaos.faults', { description: 'Faults injected', unit: '{fault}' }),
    recoveryDuration: meter.createHistogram('chaos.recovery.duration', {
      description: 'Time from a fault to the recovery from it (MTTR-A samples)',
      unit: 's',
    }),
  };
}

const PROBE = createContextKey('@chaos/faults/otel probe');

/**
 * Whether a context manager is registered, so a span can be active: without one,
 * `context.with` does not carry its context to the callback.
 */
function spansCanBeActive(): boolean {
  const probe = context.active().setValue(PROBE, true);
  return context.with(probe, () => context.active() === probe);
}

/**
 * Turns chaos events into OpenTelemetry signals, through the logger, the instruments
 * and the context manager in place when it was made.
 */
class ChaosTelemetry {
  readonly #agentName: (event: ObservedEvent) => string | undefined;
  readonly #logger: Logger | undefined;
  readonly #instruments: Instruments | undefined;
  readonly #spans: boolean;

  constructor(options: ChaosTelemetryOptions) {
    const scopeName = options.scopeName ?? '@chaos/faults';
    const agentName = options.agentName;
    this.#agentName = agentName === undefined ? defaultAgentName : (event) => agentName(event) ?? defaultAgentName(event);
    this.#logger = loggerOf(options, scopeName);
    this.#instruments = instrumentsOf(options, scopeName);
    this.#spans = spansCanBeActive();
  }

  /** Whether anything is listening: a logger, a meter or a span. */
  get live(): boolean {
    return this.#logger !== undefined || this.#instruments !== undefined || this.#spans;
  }

  handle(event: ChaosEvent): void {
    if (event.kind === 'fault') this.#fault(event as FaultEvent);
    else if (event.kind === 'recovery') this.#recovery(event as RecoveryEventLike);
  }

  #fault(event: FaultEvent): void {
    const errorType = errorTypeOf(event);
    if (errorType !== undefined && this.#spans) trace.getActiveSpan()?.setAttribute(ATTR.errorType, errorType);
    this.#instruments?.faults.add(1, metricAttributes(event.fault, event.target, event.scenario));
    if (this.#logger === undefined) return;
    const agent = this.#agentName(event);
    const attributes: LogAttributes = {
      [ATTR.faultKind]: event.fault,
      [ATTR.faultTarget]: event.target,
      [ATTR.faultSource]: event.source,
    };
    setIfDefined(attributes, ATTR.runId, event.runId);
    setIfDefined(attributes, ATTR.scenario, event.scenario);
    setIfDefined(attributes, ATTR.seed, seedOf(event));
    setIfDefined(attributes, ATTR.agentName, agent);
    setIfDefined(attributes, ATTR.operationName, operationOf(event.fault, agent));
    if (event.fault.startsWith('tool.')) attributes[ATTR.toolName] = event.target;
    setIfDefined(attributes, ATTR.errorType, errorType);
    addTags(attributes, event.tags);
    this.#logger.emit({
      eventName: 'chaos.fault',
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      body: `${event.fault} injected at ${event.target}`,
      attributes,
    });
  }

  #recovery(event: RecoveryEventLike): void {
    const seconds = event.durationMs / 1000;
    if (this.#instruments !== undefined) {
      const attributes = metricAttributes(event.faultType, event.agentId, event.scenario);
      attributes[ATTR.recoverySuccess] = event.success;
      this.#instruments.recoveryDuration.record(seconds, attributes);
    }
    if (this.#logger === undefined) return;
    const agent = this.#agentName(event);
    const attributes: LogAttributes = {
      [ATTR.faultKind]: event.faultType,
      [ATTR.faultTarget]: event.agentId,
      [ATTR.recoveryDuration]: seconds,
      [ATTR.recoverySuccess]: event.success,
    };
    setIfDefined(attributes, ATTR.runId, event.runId);
    setIfDefined(attributes, ATTR.scenario, event.scenario);
    setIfDefined(attributes, ATTR.seed, seedOfRun(event.runId));
    setIfDefined(attributes, ATTR.faultTimeSource, event.faultTimeSource);
    setIfDefined(attributes, ATTR.detection, event.detection);
    setIfDefined(attributes, ATTR.agentName, agent);
    addTags(attributes, event.tags);
    this.#logger.emit({
      eventName: 'chaos.recovery',
      severityNumber: event.success ? SeverityNumber.INFO : SeverityNumber.ERROR,
      severityText: event.success ? 'INFO' : 'ERROR',
      body: event.success
        ? `${event.agentId} recovered from ${event.faultType} in ${seconds} s`
        : `${event.agentId} failed to recover from ${event.faultType} after ${seconds} s${event.error === undefined ? '' : `: ${event.error}`}`,
      attributes,
    });
  }
}

/** Metric attributes stay few and bounded: no run id, no seed. */
function metricAttributes(kind: string, target: string, scenario: string | undefined): Attributes {
  const attributes: Attributes = { [ATTR.faultKind]: kind, [ATTR.faultTarget]: target };
  if (scenario !== undefined) attributes[ATTR.scenario] = scenario;
  return attributes;
}

function setIfDefined(attributes: LogAttributes, key: string, value: string | undefined): void {
  if (value !== undefined) attributes[key] = value;
}

/** A fault's or recovery's user tags, as `chaos.tag.<name>`. */
function addTags(attributes: LogAttributes, tags: Readonly<Record<string, string>> | undefined): void {
  if (tags === undefined) return;
  for (const key of Object.keys(tags)) attributes[`chaos.tag.${key}`] = tags[key];
}

/** The seed of the run a recovery belongs to, when it is the run of the active scope. */
function seedOfRun(runId: string | undefined): string | undefined {
  const runtime = currentChaos();
  return runtime.runId === runId ? runtime.seed : undefined;
}

/**
 * An event sink that reports every injected fault and every recovery to OpenTelemetry:
 * a log record each (`chaos.fault`, `chaos.recovery`) through the Logs API, carrying the
 * active span's context; `error.type` on the active span when a fault throws; the
 * counter `chaos.faults` and the histogram `chaos.recovery.duration` (s).
 *
 * Make it after the OpenTelemetry SDK has started: it uses the providers and the
 * context manager registered then (or given in the options). With none, it is an empty
 * function. Pass it as a
 * runtime's `emit` (beside your metrics' sink) or to `onChaosEvent`, or use
 * {@link instrumentChaos}.
 *
 * @example
 * ```ts
 * const telemetry = chaosTelemetry();
 * const runtime = createChaosRuntime({ emit: (event) => { metrics.sink(event); telemetry(event); } });
 * ```
 */
export function chaosTelemetry(options: ChaosTelemetryOptions = {}): ChaosTelemetrySink {
  const bridge = new ChaosTelemetry(options);
  return bridge.live ? (event) => bridge.handle(event) : ignore;
}

/** The sink when nothing listens: a fault costs a call of an empty function. */
function ignore(_event: ChaosEvent): void {}
