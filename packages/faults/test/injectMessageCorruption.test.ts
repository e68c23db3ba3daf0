import { describe, expect, it, vi } from 'vitest';
import { type Corruptor, injectMessageCorruption } from '../src/index.js';
import { testScope } from './helpers.js';

interface Handoff {
  campaign: string;
  items: { sku: string; qty: number }[];
  meta: { checksum: string; sender: string };
}

function handoff(): Handoff {
  return {
    campaign: 'spring-sale',
    items: [
      { sku: 'A-1', qty: 2 },
      { sku: 'B-2', qty: 1 },
    ],
    meta: { checksum: 'abc123', sender: 'product' },
  };
}

describe('injectMessageCorruption', () => {
  it('sends a damaged deep copy of the message and never mutates the caller’s object', () => {
    const chaos = testScope({ seed: 'c' });
    const received: Handoff[] = [];
    const send = injectMessageCorruption({ probability: 1, fields: ['campaign', 'meta.checksum'], target: 'handoff' })(
      (message: Handoff) => {
        received.push(message);
        return 'sent';
      },
    );
    const original = handoff();
    expect(chaos.run(() => send(original))).toBe('sent'); // sync stays sync
    expect(original).toEqual(handoff());
    expect(received[0]).not.toBe(original);
    expect(received[0]).not.toEqual(original);
    expect(received[0]?.items).toEqual(original.items);
    expect(received[0]?.items).not.toBe(original.items);
    expect(received[0]?.meta.sender).toBe('product');

    const [event] = chaos.faults();
    expect(event).toMatchObject({ fault: 'corruption', target: 'handoff', source: 'probability', details: { argIndex: 0, changed: true, seed: 'c' } });
    const changes = event?.details['changes'] as { field: string; kind: string; before: unknown; after: unknown }[];
    expect(changes.map((change) => change.field)).toEqual(['campaign', 'meta.checksum']);
    expect(event?.details['fields']).toEqual(['campaign', 'meta.checksum']);
    expect(changes[0]?.before).toBe('spring-sale');
    expect(changes[1]?.before).toBe('abc123');
  });

  it('corrupts the argument at `argIndex` and passes the others and `this` untouched', () => {
    const chaos = testScope();
    const seen: unknown[] = [];
    const channel = {
      name: 'bus',
      send: injectMessageCorruption({ probability: 1, argIndex: 1, fields: ['body'] })(function (
        this: { name: string },
        to: string,
        message: { body: string },
        options: object,
      ) {
        seen.push(this, to, message, options);
      }),
    };
    const options = { retries: 1 };
    chaos.run(() => channel.send('marketing', { body: 'hello' }, options));
    expect(seen[0]).toBe(channel);
    expect(seen[1]).toBe('marketing');
    expect(seen[2]).not.toEqual({ body: 'hello' });
    expect(seen[3]).toBe(options);
  });

  it('lets the corruptor pick a field when `fields` is left out', () => {
    const chaos = testScope();
    const received: unknown[] = [];
    const send = injectMessageCorruption({ probability: 1 })((message: Handoff) => received.push(message));
    chaos.run(() => send(handoff()));
    expect(received[0]).not.toEqual(handoff());
    expect((chaos.faults()[0]?.details['changes'] as unknown[]).length).toBe(1);
  });

  it('uses a custom corruptor with the fields and the detail stream', () => {
    const chaos = testScope();
    const corrupt = vi.fn<Corruptor>((message, fields) => ({
      message: { ...(message as object), [fields[0]!]: 'XXX' },
      changes: [{ field: fields[0]!, kind: 'flip', before: 'a', after: 'XXX' }],
    }));
    const send = injectMessageCorruption({ probability: 1, fields: ['body'], corrupt, target: 'ch' })((message: { body: string }) => message.body);
    expect(chaos.run(() => send({ body: 'a' }))).toBe('XXX');
    expect(corrupt).toHaveBeenCalledWith({ body: 'a' }, ['body'], expect.objectContaining({ seed: 'test-seed/corruption:ch:detail' }));
  });

  it('keeps an async function async: a failing corruptor rejects rather than throws', async () => {
    const chaos = testScope();
    const corrupt: Corruptor = () => {
      throw new Error('corruptor broke');
    };
    const send = injectMessageCorruption({ probability: 1, corrupt })(async (_message: unknown) => 'ok');
    let result: Promise<string> | undefined;
    expect(() => {
      result = chaos.run(() => send({}));
    }).not.toThrow();
    await expect(result).rejects.toThrow('corruptor broke');
  });

  it('calls through with the very same arguments when the fault does not fire', () => {
    const chaos = testScope();
    const message = handoff();
    const send = injectMessageCorruption({ probability: 0, fields: ['campaign'] })((received: Handoff) => received);
    expect(chaos.run(() => send(message))).toBe(message);
    expect(chaos.events).toEqual([]);
  });

  it('does not add an argument when the message is missing', () => {
    const chaos = testScope();
    const send = injectMessageCorruption({ probability: 1, argIndex: 2 })((...args: unknown[]) => args.length);
    expect(chaos.run(() => send('a'))).toBe(1);
    expect(chaos.faults()[0]?.details['changed']).toBe(false);
  });
});
