/** Finishes a registration from its emailed link: the account is created and can sign in. */

import type { Db } from '../../../app/database.ts';
import { withTransaction } from '../../../app/database.ts';
import { badRequest } from '../../../app/errors.ts';
import { newId } from '../../../app/ids.ts';
import { hashToken } from '../../identity/index.ts';

/**
 * Creates the account of the pending registration whose link carries `token` and returns its id.
 * The link works once, within its day; an unknown, used or expired link, or an address that has
 * meanwhile got an account, is a 400 `registration_link_invalid`.
 */
export async function confirmRegistration(db: Db, input: { token: string }): Promise<{ customerId: string }> {
  const customerId = await withTransaction(db, async (tx) => {
    const [request] = await tx<{ email: string; name: string; password_hash: string; locale: string }[]>`
      delete from registration_requests where token_hash = ${hashToken(input.token)} and expires_at > now()
      returning email, name, password_hash, locale`;
    if (!request) return null;
    // The account starts in the language it was registered in; later messages are worded in it.
    const [created] = await tx<{ id: string }[]>`
      insert into customers (id, email, name, password_hash, locale)
      values (${newId('cus')}, ${request.email}, ${request.name}, ${request.password_hash}, ${request.locale})
      on conflict (email) do nothing returning id`;
    return created?.id ?? null;
  });
  if (!customerId)
    throw badRequest(
      'registration_link_invalid',
      'This link has expired or was already used; register again or sign in.',
    );
  return { customerId };
}
