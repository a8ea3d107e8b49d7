/**
 * The demo seed in a process of its own (`server.ts` starts it on an empty database, see
 * `src/app/child-process-task.ts`): seeds the database at `LANTERN_CHILD_DATABASE_URL`. The
 * composition root is imported for its wiring (the catalogue's stock source, for indexing).
 */
import { reportToParent } from './app/child-process-task.ts';
import { connect } from './app/database.ts';
import { seedDemoShop } from './demo/seed.ts';
import './lantern.ts';

const sql = connect(process.env.LANTERN_CHILD_DATABASE_URL ?? '', { max: 4 });
try {
  reportToParent(await seedDemoShop(sql));
} finally {
  await sql.end({ timeout: 5 });
}
