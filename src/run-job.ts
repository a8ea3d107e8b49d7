/**
 * One run of one scheduled job in a process of its own (`server.ts` starts it for jobs marked
 * `inChildProcess`, see `src/app/child-process-task.ts`): the job named `LANTERN_CHILD_JOB` runs
 * once against `LANTERN_CHILD_DATABASE_URL` with the same dependencies the server gives it.
 */
import { createAppDeps } from './app/app-deps.ts';
import { reportToParent } from './app/child-process-task.ts';
import { loadConfig } from './app/config.ts';
import { connect } from './app/database.ts';
import { createLanternDeps, lanternJobs } from './lantern.ts';

const job = lanternJobs.find((j) => j.name === process.env.LANTERN_CHILD_JOB);
if (!job) throw new Error(`no job named ${process.env.LANTERN_CHILD_JOB}`);
const sql = connect(process.env.LANTERN_CHILD_DATABASE_URL ?? '', { max: 4 });
const owned = await createAppDeps(sql, loadConfig(), (_level, message) => console.error(message));
try {
  reportToParent(await job.run(createLanternDeps(owned.deps)));
} finally {
  await owned.close();
  await sql.end({ timeout: 5 });
}
