/**
 * "Not interested": the shopper removes a category, brand or price band from their profile, and
 * recommendations stop showing matching products. Idempotent; the removal is kept under the
 * shopper key even while personalisation is off, so it still holds when they switch it back on.
 */
import { type Db, withTransaction } from '../../../app/database.ts';
import { badRequest, conflict, DomainError } from '../../../app/errors.ts';
import { fieldIssuesFromZod } from '../../../app/field-issues.ts';
import { getCategoryAndBrandNames } from '../../catalog/index.ts';
import { shopperChanged } from '../events/shopper-changes.ts';
import { type InterestRef, interestRefSchema, PRICE_BANDS } from './interest-tags.ts';

/** A shopper keeps at most this many removals (a bound on what one cookie can store). */
export const MAX_REMOVED_INTERESTS = 200;

/** Removes an interest (400 for a malformed one, 404 for an unknown category or brand). */
export async function removeInterest(
  db: Db,
  shopperKey: string,
  input: unknown,
): Promise<{ changed: boolean }> {
  const ref = parseInterestRef(input);
  const changed = await withTransaction(db, async (tx) => {
    await assertInterestExists(tx, ref);
    // The key's row may not exist yet (no consent choice); the removal still needs an owner.
    await tx`insert into shopper_keys (key) values (${shopperKey}) on conflict (key) do nothing`;
    const [count] = await tx<{ n: number }[]>`
      select count(*)::int as n from shopper_interest_removals where shopper_key = ${shopperKey}`;
    const inserted = await tx`
      insert into shopper_interest_removals (shopper_key, kind, value)
      select ${shopperKey}, ${ref.kind}, ${ref.value} where ${count!.n} < ${MAX_REMOVED_INTERESTS}
      on conflict do nothing`;
    if (inserted.count === 0 && count!.n >= MAX_REMOVED_INTERESTS) {
      const [existing] = await tx`select 1 from shopper_interest_removals
        where shopper_key = ${shopperKey} and kind = ${ref.kind} and value = ${ref.value}`;
      if (!existing)
        throw conflict('interests_removed_full', `At most ${MAX_REMOVED_INTERESTS} removed interests.`);
    }
    return inserted.count > 0;
  });
  if (changed) shopperChanged(shopperKey);
  return { changed };
}

/** The validated reference, or a `validation_failed` 400 naming the field. */
export function parseInterestRef(input: unknown): InterestRef {
  const parsed = interestRefSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw badRequest(
    'validation_failed',
    'The interest is not valid.',
    fieldIssuesFromZod(parsed.error.issues),
  );
}

async function assertInterestExists(db: Db, ref: InterestRef): Promise<void> {
  if (ref.kind === 'price_band') {
    if (!PRICE_BANDS.some((b) => b.code === ref.value))
      throw badRequest('validation_failed', 'Unknown price band.', [
        { field: 'value', code: 'invalid_value', message: 'unknown price band' },
      ]);
    return;
  }
  const names = await getCategoryAndBrandNames(
    db,
    ref.kind === 'category' ? { categoryIds: [ref.value] } : { brandIds: [ref.value] },
  );
  if (!names.categories.has(ref.value) && !names.brands.has(ref.value))
    throw new DomainError('interest_not_found', 404, `No ${ref.kind} with that id.`);
}
