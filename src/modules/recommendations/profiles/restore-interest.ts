/** Undoes a removal: the interest may appear in the profile and in recommendations again. */
import type { Db } from '../../../app/database.ts';
import { shopperChanged } from '../events/shopper-changes.ts';
import { parseInterestRef } from './remove-interest.ts';

/** Restores a removed interest (idempotent; 400 for a malformed one, nothing to do when not removed). */
export async function restoreInterest(
  db: Db,
  shopperKey: string,
  input: unknown,
): Promise<{ changed: boolean }> {
  const ref = parseInterestRef(input);
  const deleted = await db`
    delete from shopper_interest_removals
     where shopper_key = ${shopperKey} and kind = ${ref.kind} and value = ${ref.value}`;
  if (deleted.count > 0) shopperChanged(shopperKey);
  return { changed: deleted.count > 0 };
}
