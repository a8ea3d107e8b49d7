/**
 * `npm start`: the whole shop in one process. Ctrl-C (or SIGTERM) stops accepting connections,
 * lets in-flight requests finish, then stops PostgreSQL — also when it comes during start-up.
 */
import { loadConfig } from './app/config.ts';
import { isDatabaseUnavailable } from './app/database-pool.ts';
import { type RunningLantern, startLantern } from './server.ts';

const config = loadConfig();
const started = Date.now();
const log = (line: string) => console.log(`[lantern] ${line}`);

let lantern: RunningLantern | undefined;
let stopSignal: string | undefined;

async function shutdown(signal: string) {
  if (stopSignal) return;
  stopSignal = signal;
  if (!lantern) return; // still starting: stops as soon as start-up is done
  log(`${signal}: finishing requests in flight, then stopping`);
  await lantern.stop();
  log('stopped cleanly');
  process.exit(0);
}

/**
 * A lost database connection is an outage the pool answers with 503s and heals (decision 0008),
 * never a reason to stop serving: a query promise nobody awaited (a background refresh) that fails
 * for that reason is noted, not fatal. Any other unhandled failure is a bug: say so and exit, so a
 * supervisor restarts a clean process.
 */
let lostConnectionNoted = false;
process.on('unhandledRejection', (reason) => {
  if (isDatabaseUnavailable(reason)) {
    if (!lostConnectionNoted) log(`a background query failed while the database was away: ${String(reason)}`);
    lostConnectionNoted = true;
    return;
  }
  console.error('[lantern] unhandled rejection:', reason);
  process.exit(1);
});

// Listening before start-up begins: a signal at any moment takes the clean path.
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  lantern = await startLantern(config, { log });
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s at http://localhost:${config.port}`);
  if (stopSignal) {
    const signal = stopSignal;
    stopSignal = undefined;
    await shutdown(signal);
  }
} catch (error) {
  console.error(`[lantern] could not start: ${(error as Error).message}`);
  process.exit(1);
}
