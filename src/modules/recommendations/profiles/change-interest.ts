/**
 * Removing or restoring an interest as a visitor asks it, through any door (the JSON API, the
 * interests page): the change limit, the check of the interest and the need for a shopper key
 * are decided here.
 */
import type { Db } from '../../../app/database.ts';
import { DomainError } from '../../../app/errors.ts';
import type { RateLimiter } from '../../../app/rate-limit.ts';
import { parseInterestRef, removeInterest } from './remove-interest.ts';
import { restoreInterest } from './restore-interest.ts';

/** Sixty interest changes a minute per visitor (per address for a visitor without a key). */
export const INTEREST_CHANGE_LIMIT = { name: 'interests.change', max: 60, windowMs: 60_000 };

export interface ChangeInterestInput {
  change: 'remove' | 'restore';
  /** The visitor's shopper key; without one there is no profile to change (409 `shopper_key_required`). */
  shopperKey: string | null;
  clientAddress: string;
  interest: unknown;
}

/** Counts the change against the visitor's budget (429), checks the interest (400), then changes it. */
export async function changeInterest(
  deps: { db: Db; rateLimiter: RateLimiter },
  input: ChangeInterestInput,
): Promise<{ changed: boolean; shopperKey: string }> {
  await deps.rateLimiter.hit(INTEREST_CHANGE_LIMIT, input.shopperKey ?? `ip:${input.clientAddress}`);
  parseInterestRef(input.interest);
  if (!input.shopperKey)
    throw new DomainError(
      'shopper_key_required',
      409,
      'This browser has no shopper key yet, so it has no interests to change; visit the shop first.',
    );
  const apply = input.change === 'remove' ? removeInterest : restoreInterest;
  const { changed } = await apply(deps.db, input.shopperKey, input.interest);
  return { changed, shopperKey: input.shopperKey };
}
