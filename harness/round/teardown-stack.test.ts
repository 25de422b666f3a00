import { describe, expect, it } from 'vitest';
import { TeardownStack } from './teardown-stack.ts';

describe('TeardownStack', () => {
  it('runs teardowns in reverse order of registration', async () => {
    const order: string[] = [];
    const stack = new TeardownStack();
    for (const name of ['home', 'adb', 'appium', 'devices']) stack.add(name, async () => { order.push(name); });
    await stack.run();
    expect(order).toEqual(['devices', 'appium', 'adb', 'home']);
  });

  it('keeps going after a failing teardown and reports it by name', async () => {
    const order: string[] = [];
    const failures: Array<[string, unknown]> = [];
    const stack = new TeardownStack();
    stack.add('first', async () => { order.push('first'); });
    stack.add('broken', async () => { throw new Error('boom'); });
    stack.add('last', async () => { order.push('last'); });
    await stack.run((name, error) => failures.push([name, error]));
    expect(order).toEqual(['last', 'first']);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.[0]).toBe('broken');
    expect((failures[0]?.[1] as Error).message).toBe('boom');
  });

  it('runs each teardown exactly once, even when run is called again or concurrently', async () => {
    let calls = 0;
    const stack = new TeardownStack();
    stack.add('once', async () => { calls += 1; });
    await Promise.all([stack.run(), stack.run()]);
    await stack.run();
    expect(calls).toBe(1);
  });
});
