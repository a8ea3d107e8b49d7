/**
 * Staff sign-in and sign-out for the console. The password check, its limits and the session
 * belong to the identity module (`logInStaff`, `signInStaff`); this page is only the form.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { deviceTokenOf, logInStaff, logOutStaff, signInStaff } from '../../modules/identity/index.ts';
import { html } from '../html.ts';
import { adminContext } from './admin-context.ts';
import { csrfField, describeError, errorStatus, field, flashFrom, safeAdminPath } from './admin-forms.ts';
import { adminPage, sendPage } from './admin-layout.ts';

const TAGS = ['admin console'];
const loginQuery = z.object({ next: z.string().max(500).optional(), done: z.string().max(40).optional() });
const loginForm = z.object({
  email: z.string().trim().min(3, 'enter your email').max(254),
  password: z.string().min(1, 'enter your password').max(200),
});

export async function loginPages(app: FastifyInstance) {
  app.get(
    '/admin/login',
    { schema: { hide: true, tags: TAGS, summary: 'Staff sign-in page', querystring: loginQuery } },
    async (request, reply) => {
      const query = request.query as z.infer<typeof loginQuery>;
      if (request.staffSession) return reply.redirect(safeAdminPath(query.next), 303);
      return sendLogin(request, reply, {
        next: query.next,
        flash: flashFrom(adminContext(request), query.done),
      });
    },
  );

  app.post(
    '/admin/login',
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: 'Staff sign-in (form)',
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const email = field(body, 'email');
      const next = field(body, 'next');
      try {
        const input = loginForm.parse({
          email,
          password: typeof body.password === 'string' ? body.password : '',
        });
        // the same use case and limits as the JSON staff login
        const login = await logInStaff(request.server.deps.sql, {
          ...input,
          ip: request.ip,
          deviceToken: deviceTokenOf(request),
          userAgent: request.headers['user-agent'],
        });
        await signInStaff(request, reply, login);
      } catch (error) {
        return sendLogin(request, reply, { next, email, error });
      }
      const target = safeAdminPath(next);
      const sep = target.includes('?') ? '&' : '?';
      return reply.redirect(`${target}${sep}done=signed_in`, 303);
    },
  );

  app.post(
    '/admin/logout',
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: 'Staff sign-out (form)',
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request, reply) => {
      await logOutStaff(request, reply);
      return reply.redirect('/admin/login?done=signed_out', 303);
    },
  );
}

function sendLogin(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { next?: string; email?: string; error?: unknown; flash?: string | null },
) {
  const ctx = adminContext(request);
  const { t } = ctx;
  const main = html`<form class="stack panel login" method="post" action="/admin/login">
  ${csrfField(ctx)}
  <input type="hidden" name="next" value="${options.next ?? ''}">
  <label>${t('admin.common.email')} <input type="email" name="email" required autocomplete="username" value="${options.email ?? ''}"></label>
  <label>${t('admin.login.password')} <input type="password" name="password" required autocomplete="current-password"></label>
  <button type="submit">${t('admin.login.signIn')}</button>
  <p class="muted">${t('admin.login.merchantsAndSupportAgentsSign')}</p>
</form>`;
  const errors = options.error ? describeError(ctx, options.error) : undefined;
  const status = options.error ? errorStatus(options.error) : 200;
  return sendPage(
    reply,
    adminPage(ctx, { title: t('admin.login.signInToTheAdmin'), main, errors, flash: options.flash }),
    status,
  );
}
