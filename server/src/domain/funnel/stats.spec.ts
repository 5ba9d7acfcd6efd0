import { describe, expect, it } from 'vitest';
import { countLowerTail, countSpread, holm, lnGamma, median, rateLowerTail, rateSpread, rateUpperTail } from './stats.js';

describe('distributions', () => {
  it('ln Γ matches factorials', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });

  it('the binomial lower tail is exact', () => {
    // P(X ≤ 2 | n = 10, p = 0.5) = (1 + 10 + 45) / 1024
    expect(rateLowerTail(2, 10, 0.5, 0)).toBeCloseTo(56 / 1024, 12);
    // Far tails stay accurate: P(X ≤ 0 | n = 4700, p = 0.6) = 0.4^4700, about 1e-1870, which underflows to 0.
    expect(rateLowerTail(0, 4700, 0.6, 0)).toBe(0);
    expect(rateLowerTail(10, 10, 0.3, 0)).toBe(1);
  });

  it('spread between people widens the tail, and tends to the binomial as it vanishes', () => {
    const binomial = rateLowerTail(20, 100, 0.4, 0);
    expect(rateLowerTail(20, 100, 0.4, 0.05 ** 2)).toBeGreaterThan(binomial * 5);
    expect(rateLowerTail(20, 100, 0.4, 1e-9)).toBeCloseTo(binomial, 8);
  });

  it('each tail equals the sum of its masses, below and above the mean', () => {
    const lnChoose = (n: number, k: number) => lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
    const lnBeta = (a: number, b: number) => lnGamma(a) + lnGamma(b) - lnGamma(a + b);
    const brute = (k: number, mass: (i: number) => number) =>
      Array.from({ length: k + 1 }, (_, i) => Math.exp(mass(i))).reduce((x, y) => x + y, 0);
    for (const [n, p, tau2] of [
      [200, 0.3, 0],
      [200, 0.3, 0.02 ** 2],
      [60, 0.9, 0.05 ** 2],
    ] as const) {
      const a = (p * (p * (1 - p) - tau2)) / Math.max(tau2, 1e-300);
      const b = (a * (1 - p)) / p;
      const mass = (i: number) =>
        tau2 === 0
          ? lnChoose(n, i) + i * Math.log(p) + (n - i) * Math.log(1 - p)
          : lnChoose(n, i) + lnBeta(i + a, n - i + b) - lnBeta(a, b);
      for (const k of [Math.floor(n * p * 0.5), Math.floor(n * p), Math.min(n - 1, Math.floor(n * p * 1.2))])
        expect(rateLowerTail(k, n, p, tau2)).toBeCloseTo(brute(k, mass), 10);
    }
    const r = 45 ** 2 / 9;
    const q = r / (r + 450);
    const nb = (i: number) => lnGamma(i + r) - lnGamma(r) - lnGamma(i + 1) + r * Math.log(q) + i * Math.log(1 - q);
    for (const k of [300, 450, 520]) expect(countLowerTail(k, 10, 45, 9)).toBeCloseTo(brute(k, nb), 10);
  });

  it('the upper tail mirrors the lower one', () => {
    expect(rateUpperTail(8, 10, 0.5, 0)).toBeCloseTo(56 / 1024, 12);
    expect(rateUpperTail(0, 10, 0.5, 0)).toBe(1);
  });

  it('the Poisson lower tail is exact, and the negative binomial is wider', () => {
    // P(X ≤ 1 | mean 2) = 3 e^-2
    expect(countLowerTail(1, 2, 1, 0)).toBeCloseTo(3 * Math.exp(-2), 12);
    expect(countLowerTail(30, 10, 5, 1)).toBeGreaterThan(countLowerTail(30, 10, 5, 0));
  });

  it('Holm multiplies by the hypotheses left and stays monotone', () => {
    expect(holm([0.01, 0.04, 0.03, 0.5])).toEqual([0.04, 0.09, 0.09, 0.5]);
    expect(holm([])).toEqual([]);
  });

  it('the spread between people is what their rates vary beyond sampling', () => {
    const same = rateSpread([
      { k: 50, n: 100 },
      { k: 50, n: 100 },
      { k: 50, n: 100 },
    ]);
    expect(same).toEqual({ p: 0.5, tau2: 0 });
    const apart = rateSpread([
      { k: 200, n: 1000 },
      { k: 500, n: 1000 },
      { k: 800, n: 1000 },
    ]);
    expect(Math.sqrt(apart.tau2)).toBeCloseTo(0.3, 1);
    expect(countSpread([{ k: 450, days: 10 }]).lambda).toBe(45);
  });

  it('the median of an even count is the mean of the middle two', () => {
    expect(median([3, 1, 2, 4])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
