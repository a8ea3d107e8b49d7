/** Customer accounts: register, log in (password or phone code), log out, profile, addresses, preferences under /store/account and /store/auth; staff log in under /admin/auth. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deviceTokenOf,
  openGuestSession,
  requireCustomer,
  signInShopper,
  signOutShopper,
} from '../../identity/index.ts';
import { messageLocaleFromAcceptLanguage } from '../../notifications/index.ts';
import { confirmRegistration } from '../use-cases/confirm-registration.ts';
import { deleteAddress } from '../use-cases/delete-address.ts';
import type { Address } from '../use-cases/get-address.ts';
import { getCustomerProfile } from '../use-cases/get-customer-profile.ts';
import { listAddresses } from '../use-cases/list-addresses.ts';
import { logInWithCode } from '../use-cases/log-in-with-code.ts';
import { logInWithPassword } from '../use-cases/log-in-with-password.ts';
import { registerCustomer } from '../use-cases/register-customer.ts';
import { requestLoginCode } from '../use-cases/request-login-code.ts';
import { saveAddress } from '../use-cases/save-address.ts';
import { updatePreferences } from '../use-cases/update-preferences.ts';
import { updateProfile } from '../use-cases/update-profile.ts';
import { accountDepsOf } from './account-deps-of.ts';
import {
  accepted,
  addressParams,
  addressSchema,
  codeRequestBody,
  codeVerifyBody,
  createAddressBody,
  loginAnswer,
  loginBody,
  ok,
  preferencesBody,
  preferencesSchema,
  profileBody,
  profileSchema,
  registerAnswer,
  registerBody,
  registerConfirmBody,
  sessionAnswer,
  updateAddressBody,
} from './account-schemas.ts';

const authTags = ['accounts'];

export async function accountRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const sql = app.deps.sql;
  const deps = accountDepsOf(instance);

  // Account answers are personal (and carry tokens): never cache them.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(
    '/store/sessions',
    {
      schema: {
        tags: authTags,
        summary: 'Open a guest session for an API client (use the token as a Bearer token)',
        response: { 201: sessionAnswer },
      },
    },
    async (request, reply) => {
      const { token, session } = await openGuestSession(
        { db: sql, rateLimiter: app.deps.rateLimiter },
        { ip: request.ip, userAgent: request.headers['user-agent'] },
      );
      return reply.code(201).send({ token, csrfToken: session.csrfToken });
    },
  );

  app.post(
    '/store/auth/register',
    {
      schema: {
        tags: authTags,
        summary: 'Register with email and password: the same 202 "check your email" for every address',
        description:
          'A new address is emailed a link (`/register/confirm?token=…`) that finishes the account ' +
          '(`POST /store/auth/register/confirm`); the owner of an existing account is emailed a notice ' +
          'instead (in the language of their account; a new address is written to in the first language of ' +
          '`Accept-Language`, 简体中文 unless English comes first). The answer never tells which. 503 `email_unavailable` when the shop cannot send email.',
        body: registerBody,
        response: { 202: registerAnswer },
      },
    },
    async (request, reply) => {
      const locale = messageLocaleFromAcceptLanguage(request.headers['accept-language']);
      const answer = await registerCustomer(deps, { ...request.body, ip: request.ip, locale });
      return reply.code(202).send(answer);
    },
  );

  app.post(
    '/store/auth/register/confirm',
    {
      schema: {
        tags: authTags,
        summary: "Finish a registration with the emailed link's token, and sign in",
        body: registerConfirmBody,
        response: { 201: loginAnswer },
      },
    },
    async (request, reply) => {
      const { customerId } = await confirmRegistration(sql, request.body);
      const answer = await signInShopper(request, reply, customerId);
      return reply.code(201).send({ ...answer, customerId });
    },
  );

  app.post(
    '/store/auth/login',
    {
      schema: {
        tags: authTags,
        summary: 'Sign in with email and password (sets the session cookie and returns a token)',
        body: loginBody,
        response: { 200: loginAnswer },
      },
    },
    async (request, reply) => {
      const { customerId } = await logInWithPassword(sql, {
        ...request.body,
        ip: request.ip,
        deviceToken: deviceTokenOf(request),
      });
      return { ...(await signInShopper(request, reply, customerId)), customerId };
    },
  );

  app.post(
    '/store/auth/code',
    {
      schema: {
        tags: authTags,
        summary: 'Send a one-time login code by SMS (same answer whether or not the phone has an account)',
        description:
          '503 `sms_unavailable` when the shop cannot send SMS (no provider, no development outbox).',
        body: codeRequestBody,
        response: { 202: accepted },
      },
    },
    async (request, reply) => {
      const locale = messageLocaleFromAcceptLanguage(request.headers['accept-language']);
      await requestLoginCode(deps, { ...request.body, ip: request.ip, locale });
      return reply.code(202).send({ status: 'sent' as const });
    },
  );

  app.post(
    '/store/auth/code/verify',
    {
      schema: {
        tags: authTags,
        summary: 'Sign in with the one-time code (a new phone gets an account)',
        body: codeVerifyBody,
        response: { 200: loginAnswer },
      },
    },
    async (request, reply) => {
      const { customerId } = await logInWithCode(deps, { ...request.body, ip: request.ip });
      return { ...(await signInShopper(request, reply, customerId)), customerId };
    },
  );

  app.post(
    '/store/auth/logout',
    {
      schema: { tags: authTags, summary: 'Sign out (ends the session)', response: { 200: ok } },
    },
    async (request, reply) => {
      await signOutShopper(request, reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/store/account',
    {
      schema: {
        tags: authTags,
        summary: "The signed-in customer's profile, preferences and CSRF token",
        response: { 200: profileSchema },
      },
    },
    async (request) => {
      const profile = await getCustomerProfile(sql, requireCustomer(request));
      return presentProfile(profile, request.shopperSession!.csrfToken);
    },
  );

  app.patch(
    '/store/account',
    {
      schema: {
        tags: authTags,
        summary: 'Change your name',
        body: profileBody,
        response: { 200: profileSchema },
      },
    },
    async (request) => {
      const profile = await updateProfile(sql, requireCustomer(request), request.body);
      return presentProfile(profile, request.shopperSession!.csrfToken);
    },
  );

  app.put(
    '/store/account/preferences',
    {
      schema: {
        tags: authTags,
        summary: 'Save language, theme and density',
        body: preferencesBody,
        response: { 200: preferencesSchema },
      },
    },
    async (request) => updatePreferences(sql, requireCustomer(request), request.body),
  );

  app.get(
    '/store/account/addresses',
    {
      schema: {
        tags: authTags,
        summary: 'Your addresses, the default first',
        response: { 200: z.object({ items: z.array(addressSchema) }) },
      },
    },
    async (request) => ({ items: (await listAddresses(sql, requireCustomer(request))).map(presentAddress) }),
  );

  app.post(
    '/store/account/addresses',
    {
      schema: {
        tags: authTags,
        summary: 'Add an address (the first one becomes the default)',
        body: createAddressBody,
        response: { 201: addressSchema },
      },
    },
    async (request, reply) => {
      const address = await saveAddress(sql, requireCustomer(request), request.body);
      return reply.code(201).send(presentAddress(address));
    },
  );

  app.patch(
    '/store/account/addresses/:id',
    {
      schema: {
        tags: authTags,
        summary: 'Change one of your addresses, or make it the default (`isDefault: true`)',
        params: addressParams,
        body: updateAddressBody,
        response: { 200: addressSchema },
      },
    },
    async (request) => {
      const address = await saveAddress(sql, requireCustomer(request), {
        ...request.body,
        id: request.params.id,
      });
      return presentAddress(address);
    },
  );

  app.delete(
    '/store/account/addresses/:id',
    {
      schema: {
        tags: authTags,
        summary: 'Delete one of your addresses',
        params: addressParams,
        response: { 200: ok },
      },
    },
    async (request) => {
      await deleteAddress(sql, requireCustomer(request), request.params.id);
      return { ok: true as const };
    },
  );
}

function presentProfile<T extends { createdAt: Date }>(profile: T, csrfToken: string) {
  return { ...profile, createdAt: profile.createdAt.toISOString(), csrfToken };
}

function presentAddress(address: Address) {
  return { ...address, createdAt: address.createdAt.toISOString() };
}
