/**
 * The notifications module's public surface: record SMS and email worded from its own bilingual
 * templates in the recipient's language (secrets masked), and deliver them.
 */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { notificationsPlugin } from './http/notifications-plugin.ts';
import { notificationsPersonalData } from './personal-data.ts';

export { DEV_OUTBOX_SIZE, DevOutbox } from './dev-outbox.ts';
export { notificationsPlugin } from './http/notifications-plugin.ts';
export { cannotDeliver, createNotifier, type Notifier } from './notifier.ts';
export { type RecordMessageInput, recordMessage, renderMessage } from './record-message.ts';
export {
  MASKED_SECRET,
  type NotificationChannel,
  type OutgoingMessage,
  SECRET_PLACEHOLDER,
} from './record-notification.ts';
export {
  MESSAGE_CHANNELS,
  MESSAGE_LOCALES,
  type MessageKind,
  type MessageLocale,
  type MessageParams,
  messageLocaleFromAcceptLanguage,
  toMessageLocale,
} from './templates/message-kinds.ts';

/** What notifications contributes to the shop: its table and the notifier (with the dev outbox). */
export const notificationsModule: ModuleDefinition = {
  name: 'notifications',
  migrations: migrationsBeside(import.meta.url),
  routes: [notificationsPlugin],
  personalData: notificationsPersonalData,
};
