/** What the account use cases need besides the database: delivery of SMS and email, rate limits, the shop's URL. */
import type { Db } from '../../app/database.ts';
import type { RateLimiter } from '../../app/rate-limit.ts';
import type { Notifier } from '../notifications/index.ts';

export interface AccountDeps {
  db: Db;
  notifier: Notifier;
  rateLimiter: RateLimiter;
  /** The shop's address for links in messages (PUBLIC_URL). */
  publicUrl: string;
}
