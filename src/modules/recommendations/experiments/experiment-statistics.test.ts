/**
 * Intervals against published values: Wilson from Newcombe (1998) "Two-sided confidence intervals
 * for the single proportion", Table I (method 3); differences from Newcombe (1998) "Interval
 * estimation for the difference between independent proportions", Table II (method 10).
 */
import { describe, expect, it } from 'vitest';
import { newcombeDifference, wilsonInterval } from './experiment-statistics.ts';

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 4);

describe('wilsonInterval', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    // by hand: centre (0.5 + 1.92/10) / 1.384 = 0.5, half 1.416 × √(0.025 + 0.0096) = 0.2634
    [5, 10, 0.2366, 0.7634],
  ])('gives %i of %i the interval [%f, %f]', (x, n, lower, upper) => {
    const result = wilsonInterval(x, n);
    close(result.interval.lower, lower);
    close(result.interval.upper, upper);
    expect(result.rate).toBeCloseTo(x / n, 10);
  });

  it('keeps the bounds exact at 0 % and 100 %', () => {
    expect(wilsonInterval(0, 7).interval.lower).toBe(0);
    expect(wilsonInterval(7, 7).interval.upper).toBe(1);
  });

  it('answers no trials with no rate and the whole range', () => {
    expect(wilsonInterval(0, 0)).toEqual({
      successes: 0,
      trials: 0,
      rate: null,
      interval: { lower: 0, upper: 1 },
    });
  });

  it('counts more successes than trials as all trials', () => {
    const result = wilsonInterval(12, 10);
    expect(result.rate).toBe(1);
    expect(result.interval.upper).toBe(1);
  });
});

describe('newcombeDifference', () => {
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339, true],
    [9, 10, 3, 10, 0.1705, 0.809, true],
    [6, 7, 2, 7, 0.0582, 0.8062, true],
    [5, 56, 0, 29, -0.0381, 0.1926, false],
    [0, 10, 0, 20, -0.1611, 0.2775, false],
    [0, 10, 0, 10, -0.2775, 0.2775, false],
    [10, 10, 0, 20, 0.6791, 1, true],
    [10, 10, 0, 10, 0.6075, 1, true],
  ])('gives %i/%i (b) − %i/%i (a) the interval [%f, %f]', (xb, nb, xa, na, lower, upper, excludes) => {
    const result = newcombeDifference(wilsonInterval(xa, na), wilsonInterval(xb, nb))!;
    expect(result.difference).toBeCloseTo(xb / nb - xa / na, 10);
    close(result.interval.lower, lower);
    close(result.interval.upper, upper);
    expect(result.excludesZero).toBe(excludes);
  });

  it('mirrors when the arms swap', () => {
    const forward = newcombeDifference(wilsonInterval(48, 80), wilsonInterval(56, 70))!;
    const back = newcombeDifference(wilsonInterval(56, 70), wilsonInterval(48, 80))!;
    close(back.interval.lower, -forward.interval.upper);
    close(back.interval.upper, -forward.interval.lower);
  });

  it('has no difference when an arm has no trials', () => {
    expect(newcombeDifference(wilsonInterval(0, 0), wilsonInterval(3, 10))).toBeNull();
  });
});
