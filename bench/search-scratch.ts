import path from 'node:path';
import { connect } from '../src/app/database.ts';
import { startEmbeddedPostgres } from '../src/app/embedded-postgres.ts';
const pg = await startEmbeddedPostgres(path.resolve('.data/search-bench'), 55492);
const sql = connect(pg.urlFor('lantern_search_bench'), { max: 1 });
try {
  for (const q of process.argv.slice(2)) {
    const t0 = performance.now();
    const r = await sql.unsafe(q);
    console.log(JSON.stringify(r.map((x) => x), null, 0).slice(0, 6000), `${(performance.now() - t0).toFixed(1)} ms`);
  }
} finally {
  await sql.end();
  await pg.stop();
}
