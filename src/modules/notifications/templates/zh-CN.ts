/** 简体中文 words of every message Lantern sends. `{secret}` marks where a code or token goes. */
import type { MessageTemplates } from './message-kinds.ts';

export const zhCNMessages: MessageTemplates = {
  'registration.confirm': {
    subject: () => '完成注册 Lantern 账户',
    body: ({ name, link, hours }) =>
      `${name ? `${name}，您好！\n\n` : ''}请在 ${hours} 小时内打开以下链接，完成注册 Lantern 账户：\n${link}\n` +
      '如果不是您本人操作，请忽略本邮件，什么都不会发生。',
  },
  'registration.account_exists': {
    subject: () => '有人尝试用您的邮箱注册',
    body: ({ loginUrl }) =>
      `有人（也许是您）尝试用这个邮箱注册 Lantern 账户，但您已经有账户了。请在 ${loginUrl} 登录` +
      '（用密码，或者用发到您手机的验证码）。如果不是您本人操作，请忽略本邮件，您的账户没有任何变化。',
  },
  'login.code': {
    subject: () => 'Lantern 登录验证码',
    body: ({ minutes }) => `您的 Lantern 登录验证码：{secret}，${minutes} 分钟内有效。请勿告诉他人。`,
  },
};
