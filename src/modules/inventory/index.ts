/** The inventory module's public surface. */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { inventoryRoutes } from './http/inventory-routes.ts';
import { inventoryJobs } from './inventory-jobs.ts';

export {
  ADJUSTMENT_REASONS,
  type AdjustmentReason,
  type AdjustStockInput,
  adjustStock,
} from './adjust-stock.ts';
export { getAvailableUnits, inventoryStockSource } from './get-available-units.ts';
export { getStockLevels, type StockLevel } from './get-stock-levels.ts';
export type { StockChanged } from './inventory-events.ts';
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

/** What inventory contributes to the shop: its tables, routes and jobs. */
export const inventoryModule: ModuleDefinition = {
  name: 'inventory',
  migrations: migrationsBeside(import.meta.url),
  routes: [inventoryRoutes],
  jobs: inventoryJobs,
};
