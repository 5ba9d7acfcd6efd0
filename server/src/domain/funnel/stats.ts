/**
 * The few distributions the weak-link finder and the fair-play signals need, computed exactly (sums
 * of probability masses, no normal approximation), so tails of 1e-12 stay accurate.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; about 15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function lnChoose(n: number, k: number): number {
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** A discrete distribution on 0, 1, 2, … by log P(i) and the ratio P(i + 1) / P(i). */
interface Masses {
  logAt(i: number): number;
  ratio(i: number): number;
  mean: number;
  /** The largest value it takes (Infinity for counts). */
  max: number;
}

/**
 * P(X ≤ k), summed from P(k) away from the mode, where the masses shrink: down to 0 when k is below
 * the mean, else 1 − P(X > k) summed upwards. Each step is one multiplication by a ratio of masses,
 * and the sum stops once a term no longer changes it.
 */
function lowerTail(k: number, d: Masses): number {
  if (k < 0) return 0;
  if (k >= d.max) return 1;
  if (k < d.mean) {
    let term = 1;
    let sum = 1;
    for (let i = k - 1; i >= 0 && term > 1e-17 * sum; i--) {
      term /= d.ratio(i);
      sum += term;
    }
    return Math.min(1, Math.exp(d.logAt(k)) * sum);
  }
  let term = 1;
  let sum = 1;
  for (let i = k + 1; i < d.max && term > 1e-17 * sum; i++) {
    term *= d.ratio(i);
    sum += term;
  }
  return Math.max(0, 1 - Math.exp(d.logAt(k + 1)) * sum);
}

/**
 * P(X ≤ k) for X successes of n trials whose success rate varies between people around `p` with
 * variance `tau2` (beta-binomial); `tau2` = 0 is the binomial.
 */
export function rateLowerTail(k: number, n: number, p: number, tau2: number): number {
  if (k >= n || p <= 0) return 1;
  if (k < 0) return 0;
  if (p >= 1) return 0;
  const spread = Math.min(tau2, p * (1 - p) * 0.999);
  if (spread <= 1e-12) {
    const lp = Math.log(p);
    const lq = Math.log1p(-p);
    const odds = p / (1 - p);
    return lowerTail(k, {
      logAt: (i) => lnChoose(n, i) + i * lp + (n - i) * lq,
      ratio: (i) => ((n - i) / (i + 1)) * odds,
      mean: n * p,
      max: n,
    });
  }
  const sum = (p * (1 - p)) / spread - 1;
  const a = p * sum;
  const b = (1 - p) * sum;
  const base = lnBeta(a, b);
  return lowerTail(k, {
    logAt: (i) => lnChoose(n, i) + lnBeta(i + a, n - i + b) - base,
    ratio: (i) => ((n - i) * (i + a)) / ((i + 1) * (n - i - 1 + b)),
    mean: n * p,
    max: n,
  });
}

/** P(X ≥ k): the upper tail of the same distribution. */
export function rateUpperTail(k: number, n: number, p: number, tau2: number): number {
  if (k <= 0) return 1;
  // X ≥ k is n − X ≤ n − k for the failures, whose rate is 1 − p.
  return rateLowerTail(n - k, n, 1 - p, tau2);
}

/**
 * P(X ≤ k) for a count over `days` days when people's daily rates vary around `lambda` with variance
 * `tau2` (negative binomial, a gamma mixture of Poissons); `tau2` = 0 is the Poisson.
 */
export function countLowerTail(k: number, days: number, lambda: number, tau2: number): number {
  if (k < 0) return 0;
  const mean = lambda * days;
  if (mean <= 0) return 1;
  if (tau2 <= 1e-12) {
    const lm = Math.log(mean);
    return lowerTail(k, { logAt: (i) => i * lm - mean - lnGamma(i + 1), ratio: (i) => mean / (i + 1), mean, max: Infinity });
  }
  const r = (lambda * lambda) / tau2;
  const q = r / (r + mean);
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  return lowerTail(k, {
    logAt: (i) => lnGamma(i + r) - lnGamma(r) - lnGamma(i + 1) + r * lq + i * l1q,
    ratio: (i) => ((i + r) / (i + 1)) * (1 - q),
    mean,
    max: Infinity,
  });
}

/**
 * Holm's step-down correction: each p-value multiplied by the number of hypotheses not yet
 * rejected, kept monotone, capped at 1; in the input's order.
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}

/** The spread of people's true rates beyond sampling noise, from each person's successes and trials (method of moments); never negative. */
export function rateSpread(people: readonly { k: number; n: number }[]): { p: number; tau2: number } {
  const withData = people.filter((x) => x.n > 0);
  const N = withData.reduce((s, x) => s + x.n, 0);
  if (N === 0) return { p: 0, tau2: 0 };
  const p = withData.reduce((s, x) => s + x.k, 0) / N;
  if (withData.length < 2) return { p, tau2: 0 };
  const S = withData.reduce((s, x) => s + x.n * (x.k / x.n - p) ** 2, 0);
  const effective = N - withData.reduce((s, x) => s + x.n * x.n, 0) / N;
  return { p, tau2: Math.max(0, (S - (withData.length - 1) * p * (1 - p)) / effective) };
}

/** The same for counts over days (rates per day): the spread of people's daily rates beyond Poisson noise. */
export function countSpread(people: readonly { k: number; days: number }[]): { lambda: number; tau2: number } {
  const withData = people.filter((x) => x.days > 0);
  const D = withData.reduce((s, x) => s + x.days, 0);
  if (D === 0) return { lambda: 0, tau2: 0 };
  const lambda = withData.reduce((s, x) => s + x.k, 0) / D;
  if (withData.length < 2) return { lambda, tau2: 0 };
  const S = withData.reduce((s, x) => s + x.days * (x.k / x.days - lambda) ** 2, 0);
  const effective = D - withData.reduce((s, x) => s + x.days * x.days, 0) / D;
  return { lambda, tau2: Math.max(0, (S - (withData.length - 1) * lambda) / effective) };
}

/** The median of some numbers; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
