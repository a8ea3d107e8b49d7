/**
 * Pure statistics for comparing two arms: the Wilson score interval of a proportion, and
 * Newcombe's hybrid score interval (his method 10, 1998) for the difference of two independent
 * proportions, built from the two Wilson intervals. Both behave at 0 and 100 % and with small
 * counts, where the normal approximation gives intervals outside 0..1 or of zero width.
 */

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** A closed interval. */
export interface Interval {
  lower: number;
  upper: number;
}

/** A proportion with its interval; `rate` is null when there is nothing to divide by. */
export interface Proportion {
  successes: number;
  trials: number;
  rate: number | null;
  interval: Interval;
}

/** The difference b − a of two proportions, its interval, and whether the interval excludes 0. */
export interface Difference {
  difference: number;
  interval: Interval;
  excludesZero: boolean;
}

/**
 * The Wilson score interval of `successes` out of `trials`; the whole 0..1 when `trials` is 0.
 * Successes beyond the trials (clicks whose impression was never recorded) count as `trials`.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Proportion {
  if (trials <= 0) return { successes, trials: 0, rate: null, interval: { lower: 0, upper: 1 } };
  const x = Math.min(Math.max(successes, 0), trials);
  const p = x / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At x = 0 or x = n one bound is exactly 0 or 1; rounding must not move it off.
  const lower = x === 0 ? 0 : Math.max(0, centre - half);
  const upper = x === trials ? 1 : Math.min(1, centre + half);
  return { successes, trials, rate: p, interval: { lower, upper } };
}

/**
 * Newcombe's hybrid score interval for `b.rate − a.rate`; null when either arm has no trials.
 * L = d − √((p_b − l_b)² + (u_a − p_a)²), U = d + √((u_b − p_b)² + (p_a − l_a)²).
 */
export function newcombeDifference(a: Proportion, b: Proportion): Difference | null {
  if (a.rate === null || b.rate === null) return null;
  const d = b.rate - a.rate;
  const lower = d - Math.hypot(b.rate - b.interval.lower, a.interval.upper - a.rate);
  const upper = d + Math.hypot(b.interval.upper - b.rate, a.rate - a.interval.lower);
  return { difference: d, interval: { lower, upper }, excludesZero: lower > 0 || upper < 0 };
}
