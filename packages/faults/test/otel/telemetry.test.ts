import { type ChaosEvent, createChaosRuntime, createVirtualClock, runInChaosScope } from '@chaos/config';
import { ResilienceMetrics } from '@chaos/metrics';
import { context, metrics, trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AgentCrashError, injectCrash, injectDelay } from '../../src/index.js';
import { chaosTelemetry, instrumentChaos } from '../../src/otel.js';

/** The three SDK pipelines, each ending in an in-memory exporter. */
function sdk() {
  const logExporter = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logExporter })] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exports on forceFlush only: the interval is never reached in a test.
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  return {
    logExporter,
    loggerProvider,
    meterProvider,
    spanExporter,
    tracer: tracerProvider.getTracer('test'),
    async metricsByName() {
      await reader.forceFlush();
      const exported = metricExporter.getMetrics().at(-1);
      return new Map((exported?.scopeMetrics ?? []).flatMap((scope) => scope.metrics).map((metric) => [metric.descriptor.name, metric]));
    },
    async shutdown() {
      await Promise.all([loggerProvider.shutdown(), meterProvider.shutdown(), tracerProvider.shutdown()]);
    },
  };
}

type Sdk = ReturnType<typeof sdk>;

/**
 * A run of one agent step, inside a span: the plan crashes `product` at its first call
 * at t = 1 s; the agent restarts, which takes 2.5 s of the virtual clock.
 */
async function crashAndRecover(pipeline: Sdk, telemetry: (event: ChaosEvent) => void) {
  const clock = createVirtualClock();
  const recorder = new ResilienceMetrics({ clock });
  const runtime = createChaosRuntime({
    config: { enabled: true },
    clock,
    seed: 'seed-7',
    runId: 'run-1',
    scenario: 'ProductCrashMidUpload',
    plan: [{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 1 } }],
    emit: (event) => {
      recorder.sink(event);
      telemetry(event);
    },
  });
  const step = injectCrash({ probability: 0, target: 'product', tags: { model: 'm1' } })(async () => 'uploaded');
  let traceId = '';
  await runInChaosScope(runtime, () =>
    pipeline.tracer.startActiveSpan('invoke_agent product', async (span) => {
      traceId = span.spanContext().traceId;
      await clock.sleep(1000);
      await expect(step()).rejects.toBeInstanceOf(AgentCrashError);
      span.end();
    }),
  );
  await runInChaosScope(runtime, () =>
    recorder.measureRecovery('product', 'run-1', 'crash', async () => {
      await clock.sleep(2500);
    }),
  );
  return { traceId };
}

describe('chaosTelemetry', () => {
  const contextManager = new AsyncLocalStorageContextManager();
  let pipeline: Sdk;

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
  });
  afterAll(() => {
    context.disable();
  });
  beforeEach(() => {
    pipeline = sdk();
  });
  afterEach(async () => {
    await pipeline.shutdown();
  });

  it('emits a fault as a log record in the context of the active span, with the chaos attributes', async () => {
    const telemetry = chaosTelemetry({ loggerProvider: pipeline.loggerProvider, meterProvider: pipeline.meterProvider });
    const { traceId } = await crashAndRecover(pipeline, telemetry);
    const [fault] = pipeline.logExporter.getFinishedLogRecords();
    expect(fault?.eventName).toBe('chaos.fault');
    expect(fault?.severityText).toBe('WARN');
    expect(fault?.body).toBe('crash injected at product');
    expect(fault?.attributes).toEqual({
      'chaos.fault.kind': 'crash',
      'chaos.fault.target': 'product',
      'chaos.fault.source': 'plan',
      'chaos.run.id': 'run-1',
      'chaos.scenario': 'ProductCrashMidUpload',
      'chaos.seed': 'seed-7',
      'error.type': 'AgentCrashError',
      'chaos.tag.model': 'm1',
    });
    const span = pipeline.spanExporter.getFinishedSpans()[0];
    expect(fault?.spanContext?.traceId).toBe(traceId);
    expect(fault?.spanContext?.spanId).toBe(span?.spanContext().spanId);
  });

  it('marks the active span with `error.type` when the fault throws', async () => {
    await crashAndRecover(pipeline, chaosTelemetry({ loggerProvider: pipeline.loggerProvider, meterProvider: pipeline.meterProvider }));
    const [span] = pipeline.spanExporter.getFinishedSpans();
    expect(span?.name).toBe('invoke_agent product');
    expect(span?.attributes['error.type']).toBe('AgentCrashError');
  });

  it('emits the recovery with its duration on the clock, the run’s seed and the agent', async () => {
    await crashAndRecover(pipeline, chaosTelemetry({ loggerProvider: pipeline.loggerProvider, meterProvider: pipeline.meterProvider }));
    const recovery = pipeline.logExporter.getFinishedLogRecords()[1];
    expect(recovery?.eventName).toBe('chaos.recovery');
    expect(recovery?.severityText).toBe('INFO');
    expect(recovery?.body).toBe('product recovered from crash in 2.5 s');
    expect(recovery?.attributes).toEqual({
      'chaos.fault.kind': 'crash',
      'chaos.fault.target': 'product',
      'chaos.recovery.duration_s': 2.5,
      'chaos.recovery.success': true,
      'chaos.run.id': 'run-1',
      'chaos.scenario': 'ProductCrashMidUpload',
      'chaos.seed': 'seed-7',
      'chaos.recovery.fault_time_source': 'recorded',
      'gen_ai.agent.name': 'product',
      'chaos.tag.model': 'm1',
    });
  });

  it('counts faults in `chaos.faults` and records recovery times in `chaos.recovery.duration` (s)', async () => {
    await crashAndRecover(pipeline, chaosTelemetry({ loggerProvider: pipeline.loggerProvider, meterProvider: pipeline.meterProvider }));
    const byName = await pipeline.metricsByName();
    const faults = byName.get('chaos.faults');
    expect(faults?.descriptor.unit).toBe('{fault}');
    expect(faults?.dataPoints.map((point) => [point.attributes, point.value])).toEqual([
      [{ 'chaos.fault.kind': 'crash', 'chaos.fault.target': 'product', 'chaos.scenario': 'ProductCrashMidUpload' }, 1],
    ]);
    const duration = byName.get('chaos.recovery.duration');
    expect(duration?.descriptor.unit).toBe('s');
    const point = duration?.dataPoints[0] as DataPoint<Histogram> | undefined;
    expect(point?.attributes).toEqual({
      'chaos.fault.kind': 'crash',
      'chaos.fault.target': 'product',
      'chaos.scenario': 'ProductCrashMidUpload',
      'chaos.recovery.success': true,
    });
    expect([point?.value.count, point?.value.sum]).toEqual([1, 2.5]);
  });

  it('reports a failed recovery as an error record with the error', async () => {
    const telemetry = chaosTelemetry({ loggerProvider: pipeline.loggerProvider, meterProvider: pipeline.meterProvider });
    const clock = createVirtualClock();
    const recorder = new ResilienceMetrics({ clock });
    const runtime = createChaosRuntime({ clock, runId: 'run-2', emit: (event) => (recorder.sink(event), telemetry(event)) });
    await runInChaosScope(runtime, () =>
      expect(
        recorder.measureRecovery('marketing', 'run-2', 'timeout', async () => {
          await clock.sleep(4000);
          throw new Error('no checkpoint');
        }),
      ).rejects.toThrow('no checkpoint'),
    );
    const [record] = pipeline.logExporter.getFinishedLogRecords();
    expect(record?.severityText).toBe('ERROR');
    expect(record?.body).toBe('marketing failed to recover from timeout after 4 s: Error: no checkpoint');
    expect(record?.attributes['chaos.recovery.success']).toBe(false);
    expect(record?.attributes['chaos.seed']).toBe(runtime.seed);
  });

  it('sets no `error.type` for a fault that throws nothing, and names the agent from its tag', async () => {
    const telemetry = chaosTelemetry({ loggerProvider: pipeline.loggerProvider, meterProvider: pipeline.meterProvider });
    const clock = createVirtualClock();
    const runtime = createChaosRuntime({ config: { enabled: true }, clock, emit: telemetry });
    const step = injectDelay({ probability: 1, delayMs: 200, target: 'upload', tags: { agent: 'product' } })(async () => 'ok');
    await runInChaosScope(runtime, () =>
      pipeline.tracer.startActiveSpan('upload', async (span) => {
        await step();
        span.end();
      }),
    );
    expect(pipeline.spanExporter.getFinishedSpans()[0]?.attributes['error.type']).toBeUndefined();
    const [record] = pipeline.logExporter.getFinishedLogRecords();
    expect(record?.attributes['error.type']).toBeUndefined();
    expect(record?.attributes['gen_ai.agent.name']).toBe('product');
    expect(record?.attributes['gen_ai.operation.name']).toBe('invoke_agent');
  });

  it('takes the agent name from `agentName` when given, and marks tool faults as `execute_tool`', () => {
    const telemetry = chaosTelemetry({
      loggerProvider: pipeline.loggerProvider,
      meterProvider: pipeline.meterProvider,
      agentName: (event) => (event.kind === 'fault' && event.target === 'search' ? 'researcher' : undefined),
    });
    telemetry({ kind: 'fault', fault: 'tool.error', target: 'search', at: 0, source: 'probability', details: {} } as ChaosEvent);
    telemetry({ kind: 'fault', fault: 'model.rateLimit', target: 'gpt', at: 0, source: 'probability', details: { statusCode: 429 } } as ChaosEvent);
    const [tool, model] = pipeline.logExporter.getFinishedLogRecords();
    expect(tool?.attributes).toMatchObject({
      'gen_ai.agent.name': 'researcher',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'search',
      'error.type': 'ToolFaultError',
    });
    expect(model?.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'error.type': 'AI_APICallError' });
    expect(model?.attributes['gen_ai.agent.name']).toBeUndefined();
  });

  it('says how a recovery was detected when its event does', () => {
    const telemetry = chaosTelemetry({ loggerProvider: pipeline.loggerProvider, meterProvider: pipeline.meterProvider });
    const recovery = { kind: 'recovery', at: 3500, agentId: 'product', faultType: 'crash', success: true, durationMs: 2500, detection: 'automatic' };
    telemetry(recovery as ChaosEvent);
    expect(pipeline.logExporter.getFinishedLogRecords()[0]?.attributes['chaos.recovery.detection']).toBe('automatic');
  });

  it('ignores events that are neither faults nor recoveries', () => {
    const telemetry = chaosTelemetry({ loggerProvider: pipeline.loggerProvider, meterProvider: pipeline.meterProvider });
    telemetry({ kind: 'milestone', at: 5 });
    expect(pipeline.logExporter.getFinishedLogRecords()).toEqual([]);
  });

  it('uses the global providers registered before it was made (instrumentChaos)', async () => {
    logs.setGlobalLoggerProvider(pipeline.loggerProvider);
    metrics.setGlobalMeterProvider(pipeline.meterProvider);
    try {
      using _handle = instrumentChaos();
      const step = injectCrash({ probability: 1, target: 'pricing' })(() => 1);
      // No `emit`: the runtime's events go to the process-wide listeners.
      const runtime = createChaosRuntime({ config: { enabled: true }, runId: 'global-run' });
      expect(() => runInChaosScope(runtime, step)).toThrow(AgentCrashError);
      expect(pipeline.logExporter.getFinishedLogRecords().map((record) => record.attributes['chaos.fault.target'])).toEqual(['pricing']);
      const faults = (await pipeline.metricsByName()).get('chaos.faults');
      expect(faults?.dataPoints[0]?.value).toBe(1);
    } finally {
      logs.disable();
      metrics.disable();
    }
  });

  it('is an empty sink when made with no SDK registered, and stays one', async () => {
    context.disable();
    try {
      const telemetry = chaosTelemetry();
      expect(telemetry.name).toBe('ignore');
      logs.setGlobalLoggerProvider(pipeline.loggerProvider);
      metrics.setGlobalMeterProvider(pipeline.meterProvider);
      telemetry({ kind: 'fault', fault: 'crash', target: 'a', at: 0, source: 'probability', details: {} } as ChaosEvent);
      expect(pipeline.logExporter.getFinishedLogRecords()).toEqual([]);
      expect((await pipeline.metricsByName()).get('chaos.faults')).toBeUndefined();
    } finally {
      logs.disable();
      metrics.disable();
      context.setGlobalContextManager(contextManager.enable());
    }
  });
});
