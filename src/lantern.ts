/**
 * The composition root: every module of the shop, in dependency order (a module comes after the
 * modules it calls), and the web layer on top. The app, the job runner and the migrations are
 * built from this one list; nothing below `src/` assembles modules anywhere else.
 */
import type { FastifyInstance } from 'fastify';
import { deadLetterRoutes } from './app/dead-letter-routes.ts';
import { eventConsumerJob } from './app/event-consumers.ts';
import { type AppDeps, type BuildAppOptions, buildApp } from './app/http.ts';
import type { Job } from './app/jobs.ts';
import { listMigrations, type Migration } from './app/migrate.ts';
import type { ModuleDefinition } from './app/module-definition.ts';
import { platformModule } from './app/platform-module.ts';
import { cartModule } from './modules/cart/index.ts';
import { catalogModule, provideStockSource } from './modules/catalog/index.ts';
import { checkoutModule } from './modules/checkout/index.ts';
import { customersModule } from './modules/customers/index.ts';
import { identityModule, requireStaff } from './modules/identity/index.ts';
import { inventoryModule, inventoryStockSource } from './modules/inventory/index.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { ordersModule } from './modules/orders/index.ts';
import { createPaymentProviders, paymentsModule } from './modules/payments/index.ts';
import { privacyModule, providePersonalData } from './modules/privacy/index.ts';
import { recommendationsModule } from './modules/recommendations/index.ts';
import { searchModule } from './modules/search/index.ts';
import { adminConsoleRoutes } from './web/admin/admin-console-routes.ts';
import { sendUnavailablePage } from './web/layout/unavailable-page.ts';
import { sandboxGatewayPages } from './web/sandbox-gateway/sandbox-gateway-pages.ts';
import { sendNotFoundPage, storefrontRoutes } from './web/storefront/storefront-routes.ts';

/**
 * The shop's modules, bottom layer first: each after every module it imports (the architecture
 * test checks this). Privacy erases personal data in the reverse order.
 */
export const lanternModules: ModuleDefinition[] = [
  platformModule,
  identityModule,
  catalogModule,
  inventoryModule,
  notificationsModule,
  customersModule,
  ordersModule,
  recommendationsModule,
  cartModule,
  checkoutModule,
  paymentsModule,
  searchModule,
  privacyModule,
];

// Ports: a module that needs an answer from a module above it owns an interface, and the
// implementation is plugged in here, once, before anything runs.
provideStockSource(inventoryStockSource);
providePersonalData(lanternModules);

/**
 * Every HTTP route plugin: the modules' APIs, the platform's outbox API (merchants; the staff
 * check is identity's, so it is handed in here), then the storefront, admin and sandbox gateway pages.
 */
export const lanternRoutes = [
  ...lanternModules.flatMap((m) => m.routes ?? []),
  deadLetterRoutes({ authorise: (request) => ({ staffId: requireStaff(request, ['merchant']).staffId! }) }),
  storefrontRoutes,
  adminConsoleRoutes,
  sandboxGatewayPages,
];

/** Every module's scheduled jobs, and one job per outbox consumer. */
export const lanternJobs: Job[] = lanternModules.flatMap((m) => [
  ...(m.jobs ?? []),
  ...(m.consumers ?? []).map((consumer) => eventConsumerJob(consumer)),
]);

/** Every module's migrations, in apply order. */
export function lanternMigrations(): Migration[] {
  return listMigrations(lanternModules.flatMap((m) => (m.migrations ? [m.migrations] : [])));
}

/**
 * Everything routes and jobs receive, built once at start: the platform's dependencies
 * (`createAppDeps`) plus what modules need from configuration (the payment provider registry).
 */
export function createLanternDeps(platform: AppDeps): AppDeps {
  return { ...platform, paymentProviders: createPaymentProviders(platform) };
}

/** The whole shop's HTTP app (not listening) on `deps`. */
export function buildLanternApp(
  deps: AppDeps,
  options: Omit<BuildAppOptions, 'routes' | 'notFoundPage' | 'databaseUnavailablePage'> = {},
): Promise<FastifyInstance> {
  return buildApp(deps, {
    ...options,
    routes: lanternRoutes,
    notFoundPage: sendNotFoundPage,
    databaseUnavailablePage: sendUnavailablePage,
  });
}
