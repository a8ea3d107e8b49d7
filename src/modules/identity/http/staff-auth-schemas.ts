/** The staff sign-in API's typed boundary. */
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from '../account-rules.ts';

export const staffLoginBody = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
export const ok = z.object({ ok: z.literal(true) });
export const staffLoginAnswer = z.object({
  token: z.string(),
  csrfToken: z.string(),
  staffId: z.string(),
  role: z.enum(['merchant', 'agent', 'admin']),
});
export const staffMe = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['merchant', 'agent', 'admin']),
  csrfToken: z.string(),
});
