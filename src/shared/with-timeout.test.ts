import { describe, expect, it } from 'vitest';
import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('gives the value of a promise that settles in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 50)).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('own')), 50)).rejects.toThrow('own');
  });

  it('rejects once the time is up when the promise never settles', async () => {
    const started = performance.now();
    await expect(withTimeout(new Promise(() => {}), 30)).rejects.toThrow('no answer in 30 ms');
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });
});
