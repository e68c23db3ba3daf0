#!/usr/bin/env node
/**
 * Cost of `@chaos/faults/ai-sdk` on AI SDK calls, over the BUILT packages (`pnpm turbo
 * run build --filter=@chaos/faults...` first), and the wall time of a virtual-time
 * campaign of an AI SDK agent.
 *
 * 1. A `generateText` call and a `streamText` call of 100 text deltas on a mock model
 *    (no timer, no network): bare; through a hand-written pass-through middleware (the
 *    floor); through `chaosMiddleware` with every model fault at probability 0, chaos
 *    disabled and enabled; and through `cruel`'s middleware with its faults at 0, when
 *    a build of it is found (CRUEL_DIR, default /tmp/cruel/packages/cruel: its
 *    repository built beside the project, never installed in it).
 * 2. The same middlewares called alone on an already resolved result, where a
 *    nanosecond shows: the targets are checked on these.
 * 3. 1,000 runs of the example agent of `test/ai-sdk/marketingAgent.ts` (bundled with
 *    the built subpath in place of the sources) under rate limits, slow tokens and
 *    stream cuts, each run on its own virtual clock.
 *
 * Each kind of SDK call runs in its own Node process, its wraps measured round by round
 * in turn; each middleware alone in a process of its own. A warm-up round, then ROUNDS
 * timed rounds; the median round is reported. Times are the process's CPU time (the
 * machine may be shared); the campaign's is wall time.
 *
 *   node bench/ai-sdk.mjs            full run
 *   node bench/ai-sdk.mjs --quick    fewer calls, for a smoke check
 *
 * Exits 1 when a target is missed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 3 : 15;
const CALLS = { generate: QUICK ? 100 : 400, stream: QUICK ? 10 : 50, alone: QUICK ? 100_000 : 1_000_000 };
const CHUNKS = 100;
const CAMPAIGN_RUNS = QUICK ? 100 : 1000;
const here = dirname(fileURLToPath(import.meta.url));
const CRUEL_DIR = process.env.CRUEL_DIR ?? '/tmp/cruel/packages/cruel';
const hasCruel = existsSync(join(CRUEL_DIR, 'dist/ai-sdk.js'));

/** Every model fault, at probability 0: the most a call can cost without a fault firing. */
const OURS_AT_ZERO = Object.fromEntries(
  ['rateLimit', 'serverError', 'overloaded', 'contextLength', 'contentFilter', 'authError', 'timeout', 'slowFirstToken', 'slowTokens', 'streamCut', 'corruptChunks', 'truncate', 'hallucination', 'emptyResponse', 'malformedToolCall'].map((name) => [name, 0]),
);
/** cruel's model faults, at 0. */
const CRUEL_AT_ZERO = Object.fromEntries(
  ['fail', 'timeout', 'rateLimit', 'overloaded', 'contextLength', 'contentFilter', 'modelUnavailable', 'invalidApiKey', 'quotaExceeded', 'streamCut', 'partialResponse', 'corruptChunks', 'emptyResponse'].map((name) => [name, 0]),
);

const WRAPS = ['bare', 'floor', 'ours disabled', 'ours enabled p=0', ...(hasCruel ? ['cruel p=0'] : [])];
/**
 * The SDK calls: one process per kind of call, every wrap measured in it round by
 * round in turn, so the load of a shared machine falls on all of them alike. The
 * middlewares alone: one process per case.
 */
const CASES = [
  { name: 'generateText', op: 'generate', wraps: WRAPS },
  { name: `streamText (${CHUNKS} chunks)`, op: 'stream', wraps: WRAPS },
  ...WRAPS.filter((wrap) => wrap !== 'bare').flatMap((wrap) => [
    { name: `wrapGenerate alone, ${wrap}`, op: 'alone-generate', wraps: [wrap] },
    { name: `wrapStream alone, ${wrap}`, op: 'alone-stream', wraps: [wrap] },
  ]),
];

async function main() {
  const self = fileURLToPath(import.meta.url);
  const results = {};
  for (const spec of CASES) {
    const child = spawnSync(process.execPath, ['--expose-gc', self, '--case', spec.name, ...(QUICK ? ['--quick'] : [])], { encoding: 'utf8' });
    if (child.status !== 0) {
      process.stderr.write(child.stderr);
      throw new Error(`case "${spec.name}" failed`);
    }
    const measured = JSON.parse(child.stdout.trim().split('\n').at(-1));
    for (const [wrap, result] of Object.entries(measured)) results[spec.wraps.length === 1 ? spec.name : `${spec.name}, ${wrap}`] = result;
  }
  const { default: ai } = { default: await import('ai') };
  console.log(`@chaos/faults/ai-sdk overhead — Node ${process.version}, AI SDK ${ai.VERSION ?? '6'}, median of ${ROUNDS} rounds`);
  if (!hasCruel) console.log(`(cruel not found in ${CRUEL_DIR}: its rows are left out; see the comment at the top)`);
  console.log('');
  for (const op of ['generate', 'stream']) {
    const label = op === 'generate' ? 'generateText' : `streamText (${CHUNKS} chunks)`;
    const floor = results[`${label}, floor`].ns;
    const bare = results[`${label}, bare`].ns;
    const rows = [[label, 'µs/call', 'vs bare', 'vs floor', 'over floor, µs/call', ...(op === 'stream' ? ['over floor, µs/chunk'] : []), 'stream transform']];
    for (const wrap of WRAPS) {
      const result = results[`${label}, ${wrap}`];
      const over = (result.ns - floor) / 1000;
      rows.push([
        wrap,
        (result.ns / 1000).toFixed(2),
        `${(result.ns / bare).toFixed(3)}x`,
        `${(result.ns / floor).toFixed(3)}x`,
        wrap === 'bare' || wrap === 'floor' ? '' : over.toFixed(2),
        ...(op === 'stream' ? [wrap === 'bare' || wrap === 'floor' ? '' : (over / CHUNKS).toFixed(4)] : []),
        result.transformed === undefined ? '' : result.transformed ? 'yes' : 'no',
      ]);
    }
    printTable(rows);
  }
  const alone = [['middleware called alone', 'ns/call', 'over floor, ns']];
  for (const op of ['wrapGenerate', 'wrapStream']) {
    const floor = results[`${op} alone, floor`].ns;
    for (const wrap of WRAPS.filter((name) => name !== 'bare')) {
      const result = results[`${op} alone, ${wrap}`];
      alone.push([`${op}, ${wrap}`, result.ns.toFixed(1), wrap === 'floor' ? '' : (result.ns - floor).toFixed(1)]);
    }
  }
  printTable(alone);

  const campaign = await runCampaign(false);
  const baseline = await runCampaign(true);
  const rows = [
    ['campaign', 'value'],
    ['runs (agent: tool call + streamed pitch, retry and re-ask)', String(campaign.runs)],
    ['runs that succeeded', `${campaign.succeeded} (${((100 * campaign.succeeded) / campaign.runs).toFixed(1)} %)`],
    ['agent attempts', String(campaign.attempts)],
    ['faults fired', Object.entries(campaign.faults).map(([fault, count]) => `${fault} ${count}`).join(', ')],
    ['simulated time (sum over runs)', `${(campaign.virtualMs / 1000).toFixed(1)} s`],
    ['wall time', `${(campaign.wallMs / 1000).toFixed(2)} s`],
    ['simulated / wall', `${(campaign.virtualMs / campaign.wallMs).toFixed(1)}x`],
    ['the same runs without faults (the agent and the SDK alone): wall time', `${(baseline.wallMs / 1000).toFixed(2)} s (${baseline.succeeded} succeeded)`],
  ];
  printTable(rows);

  const over = (label, wrap) => (results[`${label}, ${wrap}`].ns - results[`${label}, floor`].ns) / 1000;
  const targets = [
    ['disabled adds no stream transform', results[`streamText (${CHUNKS} chunks), ours disabled`].transformed === false],
    ['enabled at p=0 adds no stream transform', results[`streamText (${CHUNKS} chunks), ours enabled p=0`].transformed === false],
    ['disabled adds <= 1 µs a call (wrapGenerate alone)', over('wrapGenerate alone', 'ours disabled') <= 1],
    ['disabled adds <= 1 µs a call (wrapStream alone)', over('wrapStream alone', 'ours disabled') <= 1],
    ['enabled p=0 adds <= 5 µs a call (wrapGenerate alone, 12 faults drawn)', over('wrapGenerate alone', 'ours enabled p=0') <= 5],
    ['enabled p=0 adds <= 5 µs a call (wrapStream alone, 15 faults drawn)', over('wrapStream alone', 'ours enabled p=0') <= 5],
    // No transform: nothing per chunk; the call's own cost spread over its 100 chunks.
    [
      'enabled p=0 adds <= 0.5 µs a chunk (no transform; wrapStream alone / 100 chunks)',
      results[`streamText (${CHUNKS} chunks), ours enabled p=0`].transformed === false && over('wrapStream alone', 'ours enabled p=0') / CHUNKS <= 0.5,
    ],
    [`${CAMPAIGN_RUNS} agent runs finish in seconds of wall time (< 60 s)`, campaign.wallMs < 60_000],
  ];
  printTable([['target', 'result'], ...targets.map(([name, ok]) => [name, ok ? 'PASS' : 'FAIL'])]);
  console.log('An SDK call costs hundreds of µs of the SDK\'s own work, and its rows move by more than a middleware costs from');
  console.log('run to run: the "alone" rows isolate the middleware, and the targets are checked on them.');
  process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
}

function printTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 1) + '-' : '-'.repeat(width + 1) + ':')).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
}

/** The stream of one answer: 100 text deltas, framed as a provider frames them. */
function parts() {
  const list = [{ type: 'stream-start', warnings: [] }, { type: 'text-start', id: 't' }];
  for (let i = 0; i < CHUNKS; i++) list.push({ type: 'text-delta', id: 't', delta: `w${i} ` });
  list.push({ type: 'text-end', id: 't' }, { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: USAGE });
  return list;
}

const USAGE = { inputTokens: { total: 5, noCache: 5, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: CHUNKS, text: CHUNKS, reasoning: undefined } };
const RESULT = { content: [{ type: 'text', text: 'hello' }], finishReason: { unified: 'stop', raw: 'stop' }, usage: USAGE, warnings: [] };
const PARTS = parts();

function streamOf(list) {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index < list.length) controller.enqueue(list[index++]);
      else controller.close();
    },
  });
}

/** A mock model that records nothing, so no case pays for a growing call log. */
const MODEL = {
  specificationVersion: 'v3',
  provider: 'bench',
  modelId: 'bench-model',
  supportedUrls: {},
  doGenerate: async () => RESULT,
  doStream: async () => ({ stream: streamOf(PARTS) }),
};

const FLOOR = {
  specificationVersion: 'v3',
  wrapGenerate: ({ doGenerate }) => doGenerate(),
  wrapStream: ({ doStream }) => doStream(),
};

async function middlewareFor(wrap) {
  if (wrap === 'floor') return FLOOR;
  if (wrap === 'cruel p=0') return (await import(pathToFileURL(join(CRUEL_DIR, 'dist/ai-sdk.js')).href)).cruelMiddleware(CRUEL_AT_ZERO);
  const { chaosMiddleware } = await import('@chaos/faults/ai-sdk');
  return chaosMiddleware(OURS_AT_ZERO);
}

async function runCase(spec) {
  const { generateText, streamText, wrapLanguageModel } = await import('ai');
  const faults = await import('@chaos/faults');
  const params = { prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };
  const info = { provider: 'bench', modelId: 'bench-model' };
  const resolved = Promise.resolve(RESULT);
  const calls = spec.op === 'generate' ? CALLS.generate : spec.op === 'stream' ? CALLS.stream : CALLS.alone;
  const subjects = [];
  for (const wrap of spec.wraps) {
    const middleware = wrap === 'bare' ? undefined : await middlewareFor(wrap);
    const model = middleware === undefined ? MODEL : wrapLanguageModel({ model: MODEL, middleware });
    const call = {
      generate: () => generateText({ model, prompt: 'hi', maxRetries: 0 }),
      stream: () => streamText({ model, prompt: 'hi', maxRetries: 0 }).consumeStream(),
      'alone-generate': () => middleware.wrapGenerate({ doGenerate: () => resolved, doStream: MODEL.doStream, params, model: info }),
      'alone-stream': () => middleware.wrapStream({ doGenerate: MODEL.doGenerate, doStream: () => resolved, params, model: info }),
    }[spec.op];
    subjects.push({ wrap, middleware, call, rounds: [] });
  }
  const enable = (wrap) => {
    if (wrap === 'ours enabled p=0') faults.configureChaos({ enabled: true, randomSeed: 'bench' });
    else faults.disableChaos();
  };
  // CPU time of this process (user + system), not wall time: on a shared machine the
  // other processes' load then slows a round far less than it delays it.
  const cpuNs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) * 1000;
  };
  const round = async (subject) => {
    enable(subject.wrap);
    // Each round starts with a clean heap: no round pays for the garbage of another.
    globalThis.gc?.();
    const start = cpuNs();
    for (let i = 0; i < calls; i++) await subject.call();
    return (cpuNs() - start) / calls;
  };
  for (const subject of subjects) await round(subject);
  for (let i = 0; i < ROUNDS; i++) {
    // A different wrap goes first each round.
    for (let k = 0; k < subjects.length; k++) {
      const subject = subjects[(i + k) % subjects.length];
      subject.rounds.push(await round(subject));
    }
  }
  const results = {};
  for (const subject of subjects) {
    subject.rounds.sort((a, b) => a - b);
    const result = { ns: subject.rounds[Math.floor(subject.rounds.length / 2)], rounds: subject.rounds };
    if (spec.op === 'stream' && subject.middleware !== undefined && subject.wrap !== 'floor') {
      // Does the middleware hand the model's own stream on, or a transformed one?
      enable(subject.wrap);
      const stream = streamOf(PARTS);
      const out = await subject.middleware.wrapStream({ doGenerate: MODEL.doGenerate, doStream: async () => ({ stream }), params, model: info });
      result.transformed = out.stream !== stream;
    }
    results[subject.wrap] = result;
  }
  console.log(JSON.stringify(results));
}

/**
 * Bundles the example agent with the built subpath in place of the sources, and runs
 * it: under the campaign's faults, or with none (what the agent and the SDK cost alone).
 */
async function runCampaign(withoutFaults) {
  const { build } = await import('esbuild');
  const outDir = join(here, '..', '.chaos-tmp-bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'marketingAgent.mjs');
  await build({
    entryPoints: [join(here, '..', 'test/ai-sdk/marketingAgent.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    external: ['ai', 'ai/test', '@ai-sdk/provider', '@chaos/config', '@chaos/faults', '@chaos/faults/ai-sdk'],
    plugins: [
      {
        name: 'built-subpath',
        setup(context) {
          context.onResolve({ filter: /\/src\/ai-sdk\.js$/ }, () => ({ path: '@chaos/faults/ai-sdk', external: true }));
        },
      },
    ],
  });
  try {
    const agent = await import(pathToFileURL(outfile).href);
    const start = process.hrtime.bigint();
    const summary = await agent.runAgentCampaign({ runs: CAMPAIGN_RUNS, seed: 'bench', faults: withoutFaults ? {} : agent.CAMPAIGN_FAULTS });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    return { ...summary, wallMs };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

// Last, once every constant above is defined.
if (process.argv[2] === '--case') await runCase(CASES.find((spec) => spec.name === process.argv[3]));
else await main();
