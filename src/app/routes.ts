/**
 * Every module's HTTP routes, in registration order. A new module adds one line here.
 */

import { requestAuth } from '../modules/customers/index.ts';
import { healthRoutes } from './health-routes.ts';
import type { ModuleRoutes } from './http.ts';

export const moduleRoutes: ModuleRoutes[] = [requestAuth, healthRoutes];
