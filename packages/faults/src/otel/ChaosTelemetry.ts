import { type ChaosEvent, type FaultEvent, currentChaos } from '@chaos/config';
import { type Attributes, type Counter, type Histogram, type MeterProvider, createNoopMeter, metrics, trace } from '@opentelemetry/api';
import { type LogAttributes, type Logger, type LoggerProvider, SeverityNumber, logs } from '@opentelemetry/api-logs';
import { ATTR, type ObservedEvent, type RecoveryEventLike, defaultAgentName, errorTypeOf, operationOf, seedOf } from './records.js';

/** Options of {@link chaosTelemetry}. */
export interface ChaosTelemetryOptions {
  /**
   * Where the log records go.
   * @defaultValue the global one (`logs.getLoggerProvider()` of `@opentelemetry/api-logs`), looked up on each event, so an SDK registered later is used
   */
  readonly loggerProvider?: LoggerProvider;
  /**
   * Where the metrics go.
   * @defaultValue the global one (`metrics.getMeterProvider()`), looked up on each event
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

/** The instruments of one meter provider. */
interface Instruments {
  readonly provider: MeterProvider;
  /** `false` for OpenTelemetry's no-op meter: nothing to record. */
  readonly live: boolean;
  readonly faults: Counter;
  readonly recoveryDuration: Histogram;
}

const NOOP_METER_PROTOTYPE: unknown = Object.getPrototypeOf(createNoopMeter());

/**
 * Turns chaos events into OpenTelemetry signals. Holds the logger and the instruments
 * of the providers in use, made again when a global provider changes.
 */
class ChaosTelemetry {
  readonly #scopeName: string;
  readonly #agentName: (event: ObservedEvent) => string | undefined;
  readonly #loggerProvider: LoggerProvider | undefined;
  readonly #meterProvider: MeterProvider | undefined;
  #logger: { readonly provider: LoggerProvider; readonly logger: Logger } | undefined;
  #instruments: Instruments | undefined;

  constructor(options: ChaosTelemetryOptions) {
    this.#scopeName = options.scopeName ?? '@chaos/faults';
    const agentName = options.agentName;
    this.#agentName = agentName === undefined ? defaultAgentName : (event) => agentName(event) ?? defaultAgentName(event);
    this.#loggerProvider = options.loggerProvider;
    this.#meterProvider = options.meterProvider;
  }

  handle(event: ChaosEvent): void {
    if (event.kind === 'fault') this.#fault(event as FaultEvent);
    else if (event.kind === 'recovery') this.#recovery(event as RecoveryEventLike);
  }

  #fault(event: FaultEvent): void {
    const errorType = errorTypeOf(event);
    if (errorType !== undefined) trace.getActiveSpan()?.setAttribute(ATTR.errorType, errorType);
    const instruments = this.#currentInstruments();
    if (instruments.live) {
      instruments.faults.add(1, this.#metricAttributes(event.fault, event.target, event.scenario));
    }
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
    this.#currentLogger().emit({
      eventName: 'chaos.fault',
      severityNumber: SeverityNumber.WARN,
      severityText: 'WARN',
      body: `${event.fault} injected at ${event.target}`,
      attributes,
    });
  }

  #recovery(event: RecoveryEventLike): void {
    const seconds = event.durationMs / 1000;
    const instruments = this.#currentInstruments();
    if (instruments.live) {
      const attributes = this.#metricAttributes(event.faultType, event.agentId, event.scenario);
      attributes[ATTR.recoverySuccess] = event.success;
      instruments.recoveryDuration.record(seconds, attributes);
    }
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
    setIfDefined(attributes, ATTR.agentName, agent);
    addTags(attributes, event.tags);
    this.#currentLogger().emit({
      eventName: 'chaos.recovery',
      severityNumber: event.success ? SeverityNumber.INFO : SeverityNumber.ERROR,
      severityText: event.success ? 'INFO' : 'ERROR',
      body: event.success
        ? `${event.agentId} recovered from ${event.faultType} in ${seconds} s`
        : `${event.agentId} failed to recover from ${event.faultType} after ${seconds} s${event.error === undefined ? '' : `: ${event.error}`}`,
      attributes,
    });
  }

  /** Metric attributes stay few and bounded: no run id, no seed. */
  #metricAttributes(kind: string, target: string, scenario: string | undefined): Attributes {
    const attributes: Attributes = { [ATTR.faultKind]: kind, [ATTR.faultTarget]: target };
    if (scenario !== undefined) attributes[ATTR.scenario] = scenario;
    return attributes;
  }

  #currentLogger(): Logger {
    const provider = this.#loggerProvider ?? logs.getLoggerProvider();
    if (this.#logger?.provider !== provider) this.#logger = { provider, logger: provider.getLogger(this.#scopeName) };
    return this.#logger.logger;
  }

  #currentInstruments(): Instruments {
    const provider = this.#meterProvider ?? metrics.getMeterProvider();
    if (this.#instruments?.provider === provider) return this.#instruments;
    const meter = provider.getMeter(this.#scopeName);
    this.#instruments = {
      provider,
      live: Object.getPrototypeOf(meter) !== NOOP_METER_PROTOTYPE,
      faults: meter.createCounter('chaos.faults', { description: 'Faults injected', unit: '{fault}' }),
      recoveryDuration: meter.createHistogram('chaos.recovery.duration', {
        description: 'Time from a fault to the recovery from it (MTTR-A samples)',
        unit: 's',
      }),
    };
    return this.#instruments;
  }
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
 * counter `chaos.faults` and the histogram `chaos.recovery.duration` (s). Pass it as a
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
  return (event) => bridge.handle(event);
}
