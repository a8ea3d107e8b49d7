/** The inventory module's public surface. */

export {
  ADJUSTMENT_REASONS,
  type AdjustmentReason,
  type AdjustStockInput,
  adjustStock,
} from './adjust-stock.ts';
export { getStockLevels, type StockLevel } from './get-stock-levels.ts';
export { listLowStock, listStock, type StockFilter, type StockRow } from './list-stock.ts';
export { listStockMovements, type StockMovement } from './list-stock-movements.ts';
export { listWarehouses, type Warehouse } from './list-warehouses.ts';
export {
  commitReservations,
  type Reservation,
  type ReserveStockInput,
  releaseExpiredReservations,
  releaseReservations,
  reserveStock,
  restockCommittedReservations,
} from './reservations.ts';
