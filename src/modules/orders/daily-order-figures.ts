/** Today's order figures for the admin dashboard, counted by the database in one statement. */
import type { Db } from '../../app/database.ts';
import type { OrderStatus } from './order-state.ts';

/** The shop's day starts at midnight in China. */
const SHOP_TIME_ZONE = 'Asia/Shanghai';
const SHOP_UTC_OFFSET = '+08:00';
/** Revenue counts orders that were paid, whatever happened to them after (not cancelled). */
const REVENUE_STATUSES: OrderStatus[] = ['paid', 'shipped', 'delivered', 'completed'];

export interface DailyOrderFigures {
  /** Orders placed since the shop's midnight. */
  orders: number;
  /** What those of them that were paid came to, in minor units (the shop's currency). */
  revenueMinor: number;
  /** Those of them paid and not yet shipped. */
  awaitingShipment: number;
}

/** The figures of the shop's current day at `now`. */
export async function getDailyOrderFigures(db: Db, now = new Date()): Promise<DailyOrderFigures> {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: SHOP_TIME_ZONE }).format(now);
  const from = new Date(`${day}T00:00:00${SHOP_UTC_OFFSET}`);
  const [row] = await db<DailyOrderFigures[]>`
    select count(*)::int as orders,
           coalesce(sum(total_minor) filter (where status in ${db(REVENUE_STATUSES)}), 0)::bigint as "revenueMinor",
           (count(*) filter (where status = 'paid'))::int as "awaitingShipment"
      from orders where created_at >= ${from}`;
  return row!;
}
