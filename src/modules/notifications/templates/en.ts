/** English words of every message Lantern sends. `{secret}` marks where a code or token goes. */
import type { MessageTemplates } from './message-kinds.ts';

export const enMessages: MessageTemplates = {
  'registration.confirm': {
    subject: () => 'Finish creating your Lantern account',
    body: ({ name, link, hours }) =>
      `${name ? `Hello ${name},\n\n` : ''}Open this link within ${hours} hours to finish creating your Lantern account:\n${link}\n` +
      'If you did not ask for an account, ignore this email and nothing happens.',
  },
  'registration.account_exists': {
    subject: () => 'Someone tried to register with your address',
    body: ({ loginUrl }) =>
      'Someone (perhaps you) tried to create a Lantern account with this email address, but you already ' +
      `have an account. To use it, sign in at ${loginUrl} (with your password, or with a code sent to ` +
      'your phone if your account has one). If it was not you, ignore this email: your account has not changed.',
  },
  'login.code': {
    subject: () => 'Lantern login code',
    body: ({ minutes }) =>
      `Your Lantern login code is {secret}. It expires in ${minutes} minutes. Do not share it with anyone.`,
  },
};
