/** The development outbox: every SMS and email Lantern would have sent, newest first. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../modules/identity/index.ts';
import { listOutbox } from '../../modules/notifications/index.ts';
import { html } from '../html.ts';
import { ADMIN_PERMISSIONS, adminContext } from './admin-context.ts';
import { dateTime, pageParam, pager } from './admin-forms.ts';
import { adminPage, sendPage } from './admin-layout.ts';

const query = z.object({ page: pageParam });

export async function outboxPage(app: FastifyInstance) {
  app.get(
    '/admin/console/outbox',
    {
      schema: { hide: true, tags: ['admin console'], summary: 'Development outbox page', querystring: query },
    },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.outbox);
      const ctx = adminContext(request);
      const { t } = ctx;
      const { page } = request.query as z.infer<typeof query>;
      const result = await listOutbox(request.server.deps.sql, { page });
      const main = html`<p class="muted">${t(
        '开发环境不真正发送短信和邮件；这里列出本应发送的全部消息。',
        'In development no SMS or email leaves the machine; every message that would have been sent is listed here.',
      )}</p>
${
  result.items.length
    ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('时间', 'Sent')}</th><th scope="col">${t('渠道', 'Channel')}</th><th scope="col">${t('收件人', 'Recipient')}</th><th scope="col">${t('内容', 'Message')}</th></tr></thead>
<tbody>${result.items.map(
        (
          m,
        ) => html`<tr><td>${dateTime(ctx, m.createdAt)}</td><td><span class="badge">${m.channel === 'sms' ? t('短信', 'SMS') : t('邮件', 'Email')}</span></td><td>${m.recipient}</td>
<td>${m.subject && html`<strong>${m.subject}</strong>`}<pre class="body">${m.body}</pre></td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t('发件箱为空。', 'The outbox is empty.')}</p>`
}
${pager(ctx, { page: result.page, pageSize: result.pageSize, total: result.total, query: {} })}`;
      return sendPage(reply, adminPage(ctx, { title: t('开发发件箱', 'Development outbox'), main }));
    },
  );
}
