/**
 * Runs before every test file (vitest `setupFiles`; decision 0017):
 * - passwords are hashed at argon2's lowest cost, as the suite hashes hundreds of them and needs
 *   none of the strength (the production cost is asserted in `src/modules/identity/passwords.test.ts`);
 * - files share a process (`isolate: false`), so process-wide state that belongs to one database
 *   starts afresh: the serving model cache would otherwise keep the previous file's model.
 */
import { setPasswordHashCostForTests } from '../src/modules/identity/index.ts';
import { defaultModelCache } from '../src/modules/recommendations/index.ts';

setPasswordHashCostForTests();
defaultModelCache.reset();
