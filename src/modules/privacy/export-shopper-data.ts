/**
 * Everything Lantern holds about a customer, as one JSON document (the right of access and of
 * portability). Each module that holds personal data contributes its sections (profile and
 * addresses, consents, orders, behaviour and interests, sessions, messages sent to them).
 */
import type { Db } from '../../app/database.ts';
import { notFound } from '../../app/errors.ts';
import type { RateLimiter } from '../../app/rate-limit.ts';
import { findDataSubject } from '../customers/index.ts';
import { personalDataHolders } from './personal-data-holders.ts';

/** The export: `format` names its version for anyone reading it later; then each module's sections. */
export interface ShopperDataExport {
  format: 'lantern-shopper-export/1';
  exportedAt: Date;
  [section: string]: unknown;
}

/** Collects the customer's data (404 when the account does not exist). */
export async function exportShopperData(db: Db, customerId: string): Promise<ShopperDataExport> {
  const subject = await findDataSubject(db, customerId);
  if (!subject) throw notFound('customer');
  const parts = await Promise.all(personalDataHolders().map((h) => h.export?.(db, subject) ?? {}));
  const document: ShopperDataExport = { format: 'lantern-shopper-export/1', exportedAt: new Date() };
  for (const sections of parts)
    for (const [name, value] of Object.entries(sections)) {
      // Two modules claiming one section would silently drop one's data from the export.
      if (name in document) throw new Error(`two personal-data parts export "${name}"`);
      document[name] = value;
    }
  return document;
}

/** Ten exports an hour per account: each one reads every module's part. */
export const EXPORT_LIMIT = { name: 'data-export', max: 10, windowMs: 3_600_000 };

/** The shopper asking for their data (any door): counted against `EXPORT_LIMIT` (429), then exported. */
export async function requestShopperDataExport(
  deps: { db: Db; rateLimiter: RateLimiter },
  customerId: string,
): Promise<ShopperDataExport> {
  await deps.rateLimiter.hit(EXPORT_LIMIT, customerId);
  return exportShopperData(deps.db, customerId);
}
