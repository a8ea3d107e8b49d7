/** The notifications module's public surface: send through the development outbox, read it. */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { outboxRoutes } from './http/outbox-routes.ts';

export { listOutbox, OUTBOX_PAGE_SIZE, type OutboxMessage, type OutboxPage } from './list-outbox.ts';
export {
  type NotificationChannel,
  type SendNotificationInput,
  sendNotification,
} from './send-notification.ts';

/** What notifications contributes to the shop: its tables, routes and jobs. */
export const notificationsModule: ModuleDefinition = {
  name: 'notifications',
  migrations: migrationsBeside(import.meta.url),
  routes: [outboxRoutes],
};
