/** Staff sign-in for the admin console and API: /admin/auth/login, /logout, /me. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../../app/errors.ts';
import { logInStaff } from '../use-cases/log-in-staff.ts';
import { deviceTokenOf } from './device-cookie.ts';
import { logOutStaff } from './log-out-staff.ts';
import { requireStaff } from './request-auth.ts';
import { signInStaff } from './sign-in-staff.ts';
import { ok, staffLoginAnswer, staffLoginBody, staffMe } from './staff-auth-schemas.ts';

const tags = ['staff'];

/** Registers the staff authentication routes on the accounts plugin. */
export async function staffAuthRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const sql = app.deps.sql;

  app.post(
    '/admin/auth/login',
    {
      schema: {
        tags,
        summary: 'Staff sign-in (sets the `lantern_staff` cookie and returns a token)',
        body: staffLoginBody,
        response: { 200: staffLoginAnswer },
      },
    },
    async (request, reply) => {
      const { token, session } = await logInStaff(sql, {
        ...request.body,
        ip: request.ip,
        deviceToken: deviceTokenOf(request),
        userAgent: request.headers['user-agent'],
      });
      await signInStaff(request, reply, { token, session });
      return { token, csrfToken: session.csrfToken, staffId: session.staffId!, role: session.staffRole! };
    },
  );

  app.post(
    '/admin/auth/logout',
    { schema: { tags, summary: 'Staff sign-out (ends the staff session)', response: { 200: ok } } },
    async (request, reply) => {
      await logOutStaff(request, reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/admin/auth/me',
    { schema: { tags, summary: 'The signed-in staff member', response: { 200: staffMe } } },
    async (request) => {
      const session = requireStaff(request, ['merchant', 'agent', 'admin']);
      const [row] = await sql<{ id: string; email: string; name: string }[]>`
        select id, email, name from staff_users where id = ${session.staffId}`;
      if (!row) throw notFound('staff_user');
      return { ...row, role: session.staffRole!, csrfToken: session.csrfToken };
    },
  );
}
