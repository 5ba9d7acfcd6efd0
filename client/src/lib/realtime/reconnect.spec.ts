import { Manager } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { jittered, RECONNECT } from './reconnect.js';

describe('RECONNECT', () => {
  it('is what socket.io-client takes: a jittered, capped backoff', () => {
    const manager = new Manager('http://127.0.0.1:9', { autoConnect: false, ...RECONNECT });
    expect(manager.randomizationFactor()).toBe(0.5);
    expect(manager.reconnectionDelay()).toBe(1000);
    expect(manager.reconnectionDelayMax()).toBe(3000);
  });
});

describe('jittered', () => {
  it('spreads a retry over ±50 % of its base', () => {
    expect(jittered(5000, () => 0)).toBe(2500);
    expect(jittered(5000, () => 0.5)).toBe(5000);
    expect(jittered(5000, () => 0.999_999)).toBe(7500);
  });

  it('gives screens restarted together different delays', () => {
    let seed = 1;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const delays = new Set(Array.from({ length: 100 }, () => jittered(5000, random)));
    expect(delays.size).toBeGreaterThan(90);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(2500);
      expect(d).toBeLessThanOrEqual(7500);
    }
  });
});
