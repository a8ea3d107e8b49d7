/** The accounts API's typed boundary: strict write bodies and the shapes it answers with. */
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../identity/index.ts';

const email = z.string().trim().min(3).max(254);
const phone = z.string().trim().min(6).max(32);
const name = z.string().trim().min(1).max(100);

export const registerBody = z.strictObject({
  email,
  password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
  name,
});
export const loginBody = z.strictObject({ email, password: z.string().min(1).max(MAX_PASSWORD_LENGTH) });
export const registerConfirmBody = z.strictObject({ token: z.string().min(20).max(100) });
export const registerAnswer = z.object({ status: z.literal('check_email') });
export const codeRequestBody = z.strictObject({ phone });
export const codeVerifyBody = z.strictObject({ phone, code: z.string().regex(/^[0-9]{6}$/) });

export const sessionAnswer = z.object({ token: z.string(), csrfToken: z.string() });
export const loginAnswer = sessionAnswer.extend({ customerId: z.string() });
export const accepted = z.object({ status: z.literal('sent') });
export const ok = z.object({ ok: z.literal(true) });

export const preferencesSchema = z.object({
  locale: z.enum(['zh-CN', 'en']),
  theme: z.enum(['system', 'light', 'dark']),
  density: z.enum(['comfortable', 'compact']),
});
export const preferencesBody = preferencesSchema.partial().strict();

export const profileSchema = preferencesSchema.extend({
  id: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  name: z.string(),
  createdAt: z.string(),
  csrfToken: z.string(),
});
export const profileBody = z.strictObject({ name: name.optional() });

/** Shapes only: the address rules (lengths, formats, required fields) are `address-rules.ts`'s, in the use case. */
const addressText = z.string().max(500);
const addressFields = {
  recipient: addressText,
  phone: addressText,
  country: addressText,
  province: addressText,
  city: addressText,
  district: addressText,
  line1: addressText,
  postalCode: addressText,
};
export const createAddressBody = z.strictObject({
  ...addressFields,
  country: addressFields.country.optional(),
  district: addressFields.district.optional(),
  postalCode: addressFields.postalCode.optional(),
  isDefault: z.boolean().optional(),
});
export const updateAddressBody = z.strictObject({ ...addressFields, isDefault: z.literal(true) }).partial();
export const addressParams = z.object({ id: z.string().min(1).max(64) });
export const addressSchema = z.object({
  id: z.string(),
  recipient: z.string(),
  phone: z.string(),
  country: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  line1: z.string(),
  postalCode: z.string(),
  isDefault: z.boolean(),
  createdAt: z.string(),
});
