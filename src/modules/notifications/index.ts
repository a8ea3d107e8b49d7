/** The notifications module's public surface: send through the development outbox, read it. */

export { listOutbox, OUTBOX_PAGE_SIZE, type OutboxMessage, type OutboxPage } from './list-outbox.ts';
export {
  type NotificationChannel,
  type SendNotificationInput,
  sendNotification,
} from './send-notification.ts';
