/**
 * Runs before every test file (vitest `setupFiles`; decision 0017): passwords are hashed at
 * argon2's lowest cost, as the suite hashes hundreds of them and needs none of the strength (the
 * production cost is asserted in `src/modules/identity/passwords.test.ts`).
 */
import { setPasswordHashCostForTests } from '../src/modules/identity/index.ts';

setPasswordHashCostForTests();
