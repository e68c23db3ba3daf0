// An agent author's module: @chaos/faults alone (it brings @chaos/config). Compiled as ESM and as CJS.
import { createVirtualClock, createRandom } from '@chaos/config';
import { AgentCrashError, injectCrash, injectDelay, isAgentCrashError, withChaos, type ChaosConfig } from '@chaos/faults';

const upload = injectCrash({ probability: 0.2, target: 'product' })((sku: string): string => `uploaded ${sku}`);
const receipt: string = upload('SKU-1');

const describe = injectDelay({ delayMs: 500 })(async (sku: string) => `a fine ${sku}`);
const text: Promise<string> = describe('SKU-2');

const send = withChaos({ corruptionProb: 0.1, fields: ['payload'], target: 'bus' })((message: { payload: string }) => message.payload.length);

const clock = createVirtualClock();
clock.dispose();
const random = createRandom('seed');
const config: Partial<ChaosConfig> = { crashProbability: random.next() };

export function crashed(error: unknown): boolean {
  return isAgentCrashError(error) || error instanceof AgentCrashError;
}
export { receipt, text, send, config };
