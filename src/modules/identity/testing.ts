/** Test builders for identity's rows: staff with a session. */
import type { Sql } from '../../app/database.ts';
import { newId } from '../../app/ids.ts';
import { createSession } from './sessions.ts';

/** A merchant's staff session (bearer token for /admin). */
export async function buildMerchant(sql: Sql): Promise<{ token: string; staffId: string }> {
  const staffId = newId('stf');
  await sql`insert into staff_users (id, email, name, role, password_hash)
            values (${staffId}, ${`${staffId}@example.com`}, 'Merchant', 'merchant', 'x')`;
  const { token } = await createSession(sql, { kind: 'staff', staffId });
  return { token, staffId };
}
