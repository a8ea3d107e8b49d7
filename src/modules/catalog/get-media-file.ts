/** The bytes behind a /media/<id> URL. */
import type { Db } from '../../app/database.ts';

/** The stored file, or null for an unknown id. */
export async function getMediaFile(
  db: Db,
  id: string,
): Promise<{ contentType: string; bytes: Buffer } | null> {
  const [row] = await db<{ content_type: string; bytes: Buffer }[]>`
    select content_type, bytes from media_files where id = ${id}`;
  return row ? { contentType: row.content_type, bytes: row.bytes } : null;
}
