/**
 * Partial credit for an error: 1 up to `fullWithin`, 0 from `zeroFrom` on, linear in between. Never
 * rises as the error grows (the property the tests check). NaN gives 0. When `zeroFrom` ≤
 * `fullWithin` (an educator's inconsistent setting) the credit steps from 1 to 0 at `fullWithin`.
 */
export function rampCredit(error: number, fullWithin: number, zeroFrom: number): number {
  if (Number.isNaN(error)) return 0;
  if (error <= fullWithin) return 1;
  if (error >= zeroFrom) return 0;
  return 1 - (error - fullWithin) / (zeroFrom - fullWithin);
}

/** Credit for a quality where higher is better (Dice): 1 from `fullFrom` up, 0 at `zeroAt` and below. */
export function rampCreditHigherBetter(quality: number, fullFrom: number, zeroAt: number): number {
  return rampCredit(-quality, -fullFrom, -zeroAt);
}
