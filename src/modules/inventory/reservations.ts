/**
 * Stock reservations: a checkout holds stock for an order until it is paid (commit), cancelled
 * or left unpaid (release). `stock_levels.reserved` is the sum of active reservations; the
 * table's checks (`reserved <= on_hand`, both >= 0) make overselling impossible even for a buggy
 * caller, and the conditional updates below decide every race.
 */
import type { Tx } from '../../app/database.ts';
import { badRequest, conflict } from '../../app/errors.ts';
import { recordEvent } from '../../app/events.ts';
import { newId } from '../../app/ids.ts';

export interface ReserveStockInput {
  /** What holds the stock, e.g. an order id. */
  holderId: string;
  lines: { variantId: string; quantity: number }[];
  ttlMinutes: number;
}

export interface Reservation {
  id: string;
  variantId: string;
  warehouseId: string;
  quantity: number;
}

interface LevelRow {
  variant_id: string;
  warehouse_id: string;
  on_hand: number;
  reserved: number;
  priority: number;
}

/**
 * Reserves every line or nothing: warehouses are used by priority (highest first) and a line is
 * split across warehouses when one does not hold enough. Throws 409 `insufficient_stock` with
 * `{ variantId, available }` for the first line that cannot be covered.
 */
export async function reserveStock(tx: Tx, input: ReserveStockInput): Promise<Reservation[]> {
  const wanted = mergeLines(input.lines);
  const variantIds = [...wanted.keys()].sort();
  if (variantIds.length === 0) return [];
  // Lock every stock row this reservation may touch, in primary-key order (variant_id,
  // warehouse_id), so two checkouts sharing variants always lock in the same order and never
  // deadlock; once locked, the quantities read here cannot change under us.
  const levels = await tx<LevelRow[]>`
    select s.variant_id, s.warehouse_id, s.on_hand, s.reserved, w.priority
      from stock_levels s join warehouses w on w.id = s.warehouse_id
     where s.variant_id = any(${variantIds}) and w.is_active
     order by s.variant_id, s.warehouse_id
       for update of s`;
  const plan = planAllocation(wanted, levels);
  const reservations: Reservation[] = [];
  for (const step of plan) {
    // The condition repeats the check the plan made: a guard if a caller forgot the lock.
    const updated = await tx`
      update stock_levels set reserved = reserved + ${step.quantity}, updated_at = now()
       where variant_id = ${step.variantId} and warehouse_id = ${step.warehouseId}
         and on_hand - reserved >= ${step.quantity}`;
    if (updated.count !== 1) throw insufficientStock(step.variantId, 0);
    const id = newId('res');
    await tx`insert into stock_reservations (id, variant_id, warehouse_id, quantity, holder_id, expires_at)
             values (${id}, ${step.variantId}, ${step.warehouseId}, ${step.quantity}, ${input.holderId},
                     now() + make_interval(mins => ${input.ttlMinutes}))`;
    reservations.push({ id, ...step });
  }
  return reservations;
}

/** Sums duplicate lines so a variant listed twice cannot slip past the availability check. */
function mergeLines(lines: ReserveStockInput['lines']): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw badRequest('invalid_quantity', 'Quantities must be positive integers.');
    }
    wanted.set(line.variantId, (wanted.get(line.variantId) ?? 0) + line.quantity);
  }
  return wanted;
}

function planAllocation(
  wanted: Map<string, number>,
  levels: LevelRow[],
): { variantId: string; warehouseId: string; quantity: number }[] {
  const plan: { variantId: string; warehouseId: string; quantity: number }[] = [];
  for (const [variantId, quantity] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rows = levels
      .filter((l) => l.variant_id === variantId)
      .sort((a, b) => b.priority - a.priority || (a.warehouse_id < b.warehouse_id ? -1 : 1));
    const available = rows.reduce((sum, r) => sum + Math.max(0, r.on_hand - r.reserved), 0);
    if (available < quantity) throw insufficientStock(variantId, available);
    let need = quantity;
    for (const row of rows) {
      const take = Math.min(need, Math.max(0, row.on_hand - row.reserved));
      if (take > 0) plan.push({ variantId, warehouseId: row.warehouse_id, quantity: take });
      need -= take;
      if (need === 0) break;
    }
  }
  // Updates run in primary-key order too, matching the lock order above.
  return plan.sort((a, b) =>
    a.variantId === b.variantId
      ? a.warehouseId < b.warehouseId
        ? -1
        : 1
      : a.variantId < b.variantId
        ? -1
        : 1,
  );
}

function insufficientStock(variantId: string, available: number) {
  return conflict('insufficient_stock', 'Not enough stock for one of the items.', { variantId, available });
}

interface HeldRow {
  id: string;
  variant_id: string;
  warehouse_id: string;
  quantity: number;
}

/** Locks the holder's reservations of `status` in primary-key order of their stock rows. */
async function lockHeld(tx: Tx, holderId: string, status: 'active' | 'committed'): Promise<HeldRow[]> {
  return tx<HeldRow[]>`
    select id, variant_id, warehouse_id, quantity from stock_reservations
     where holder_id = ${holderId} and status = ${status}
     order by variant_id, warehouse_id, id
       for update`;
}

/**
 * Turns the holder's active reservations into a sale (on payment): stock leaves the shelf
 * (`on_hand` and `reserved` both drop), a 'sale' movement is written and `stock.changed` recorded.
 * Returns the committed reservations (none when there were none active).
 */
export async function commitReservations(tx: Tx, holderId: string): Promise<Reservation[]> {
  const held = await lockHeld(tx, holderId, 'active');
  for (const r of held) {
    const [level] = await tx<{ on_hand: number; reserved: number }[]>`
      update stock_levels set on_hand = on_hand - ${r.quantity}, reserved = reserved - ${r.quantity},
             updated_at = now()
       where variant_id = ${r.variant_id} and warehouse_id = ${r.warehouse_id}
       returning on_hand, reserved`;
    await tx`update stock_reservations set status = 'committed' where id = ${r.id}`;
    await tx`insert into stock_movements (variant_id, warehouse_id, delta, reason, ref_id, on_hand_after)
             values (${r.variant_id}, ${r.warehouse_id}, ${-r.quantity}, 'sale', ${holderId}, ${level!.on_hand})`;
    await recordStockChanged(tx, r, level!, 'sale');
  }
  return held.map(toReservation);
}

/** Gives the holder's active reservations back (cancel, expiry): `reserved` drops, `on_hand` stays. */
export async function releaseReservations(tx: Tx, holderId: string): Promise<Reservation[]> {
  const held = await lockHeld(tx, holderId, 'active');
  for (const r of held) {
    const [level] = await tx<{ on_hand: number; reserved: number }[]>`
      update stock_levels set reserved = reserved - ${r.quantity}, updated_at = now()
       where variant_id = ${r.variant_id} and warehouse_id = ${r.warehouse_id}
       returning on_hand, reserved`;
    await tx`update stock_reservations set status = 'released' where id = ${r.id}`;
    await recordStockChanged(tx, r, level!, 'release');
  }
  return held.map(toReservation);
}

/**
 * Puts sold stock back on the shelf when a paid order is cancelled before shipping: a 'cancel'
 * movement per reservation. The order's state machine makes this happen at most once.
 */
export async function restockCommittedReservations(tx: Tx, holderId: string, actorId: string | null = null) {
  const held = await lockHeld(tx, holderId, 'committed');
  for (const r of held) {
    const [level] = await tx<{ on_hand: number; reserved: number }[]>`
      update stock_levels set on_hand = on_hand + ${r.quantity}, updated_at = now()
       where variant_id = ${r.variant_id} and warehouse_id = ${r.warehouse_id}
       returning on_hand, reserved`;
    await tx`insert into stock_movements (variant_id, warehouse_id, delta, reason, ref_id, actor_id, on_hand_after)
             values (${r.variant_id}, ${r.warehouse_id}, ${r.quantity}, 'cancel', ${holderId}, ${actorId},
                     ${level!.on_hand})`;
    await recordStockChanged(tx, r, level!, 'cancel');
  }
  return held.map(toReservation);
}

/**
 * Releases up to `limit` reservations that expired more than `graceMinutes` ago, whoever holds
 * them. A safety net: orders cancel their own reservations when their payment deadline passes.
 * SKIP LOCKED lets several instances run this at once without waiting on or repeating each other.
 */
export async function releaseExpiredReservations(
  tx: Tx,
  options: { graceMinutes: number; limit: number },
): Promise<number> {
  const expired = await tx<HeldRow[]>`
    select id, variant_id, warehouse_id, quantity from stock_reservations
     where status = 'active' and expires_at < now() - make_interval(mins => ${options.graceMinutes})
     order by variant_id, warehouse_id, id
     limit ${options.limit}
       for update skip locked`;
  for (const r of expired) {
    const [level] = await tx<{ on_hand: number; reserved: number }[]>`
      update stock_levels set reserved = reserved - ${r.quantity}, updated_at = now()
       where variant_id = ${r.variant_id} and warehouse_id = ${r.warehouse_id}
       returning on_hand, reserved`;
    await tx`update stock_reservations set status = 'released' where id = ${r.id}`;
    await recordStockChanged(tx, r, level!, 'expiry');
  }
  return expired.length;
}

function toReservation(r: HeldRow): Reservation {
  return { id: r.id, variantId: r.variant_id, warehouseId: r.warehouse_id, quantity: r.quantity };
}

async function recordStockChanged(
  tx: Tx,
  r: HeldRow,
  level: { on_hand: number; reserved: number },
  cause: string,
) {
  await recordEvent(tx, 'stock.changed', r.variant_id, {
    variantId: r.variant_id,
    warehouseId: r.warehouse_id,
    onHand: level.on_hand,
    reserved: level.reserved,
    cause,
  });
}
