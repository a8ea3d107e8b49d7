/**
 * Sign in, register and sign out for shoppers. Password and code logins share the customers
 * module's rate limits; a failed login shows one message whatever went wrong.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../app/errors.ts';
import {
  getCustomerProfile,
  logInWithCode,
  logInWithPassword,
  registerCustomer,
  requestLoginCode,
  updatePreferences,
} from '../../modules/customers/index.ts';
import {
  limitCodeRequest,
  limitCodeVerification,
  limitPasswordLogin,
  limitRegistration,
  signInShopper,
  signOutShopper,
} from '../../modules/identity/index.ts';
import { t } from '../i18n/index.ts';
import { preferencesOf, safeReturnPath, setPreferencesCookie } from '../layout/preferences.ts';
import { sendPage } from '../layout/send-page.ts';
import { formFields, messageOf } from './form-input.ts';
import { pageContextOf } from './page-context.ts';
import { type LoginPageState, renderLoginPage, renderRegisterPage } from './pages/auth-pages.ts';

async function showLogin(request: FastifyRequest, reply: FastifyReply, state: LoginPageState, status = 200) {
  const ctx = await pageContextOf(request);
  return sendPage(request, reply, renderLoginPage(ctx, state), { personal: true, status });
}

/** Signs the customer in, adopts their saved display preferences, and goes on. */
async function completeSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  customerId: string,
  next: string,
) {
  await signInShopper(request, reply, customerId);
  const profile = await getCustomerProfile(request.server.deps.sql, customerId);
  setPreferencesCookie(request, reply, {
    locale: profile.locale,
    theme: profile.theme,
    density: profile.density,
  });
  return reply.redirect(safeReturnPath(next || '/account'), 303);
}

function isLimitOrInput(error: unknown): error is DomainError {
  return error instanceof DomainError && error.status >= 400 && error.status < 500;
}

/** GET/POST /login, /login/code/request, /login/code, /register; POST /logout. */
export async function authPageRoutes(app: FastifyInstance) {
  const db = app.deps.sql;

  app.get<{ Querystring: { next?: string } }>(
    '/login',
    { schema: { hide: true } },
    async (request, reply) => {
      if (request.shopperSession?.customerId) return reply.redirect('/account', 303);
      return showLogin(request, reply, {
        next: request.query.next ? safeReturnPath(request.query.next) : undefined,
      });
    },
  );

  app.post('/login', { schema: { hide: true } }, async (request, reply) => {
    const { locale } = preferencesOf(request);
    const { email = '', password = '', next = '' } = formFields(request);
    try {
      await limitPasswordLogin(request, 'shopper', email);
      const { customerId } = await logInWithPassword(db, { email, password });
      return await completeSignIn(request, reply, customerId, next);
    } catch (error) {
      if (!isLimitOrInput(error)) throw error;
      const message = error.status === 401 ? t(locale, 'auth.failed') : messageOf(locale, error);
      return showLogin(request, reply, { email, error: message, next }, error.status);
    }
  });

  app.post('/login/code/request', { schema: { hide: true } }, async (request, reply) => {
    const { locale } = preferencesOf(request);
    const { phone = '', next = '' } = formFields(request);
    try {
      await limitCodeRequest(request, phone);
      await requestLoginCode(db, { phone });
      return showLogin(request, reply, { phone, codeSent: true, next });
    } catch (error) {
      if (!isLimitOrInput(error)) throw error;
      return showLogin(request, reply, { phone, error: messageOf(locale, error), next }, error.status);
    }
  });

  app.post('/login/code', { schema: { hide: true } }, async (request, reply) => {
    const { locale } = preferencesOf(request);
    const { phone = '', code = '', next = '' } = formFields(request);
    try {
      await limitCodeVerification(request, phone);
      const { customerId } = await logInWithCode(db, { phone, code });
      return await completeSignIn(request, reply, customerId, next);
    } catch (error) {
      if (!isLimitOrInput(error)) throw error;
      const message = error.status === 401 ? t(locale, 'auth.failed') : messageOf(locale, error);
      return showLogin(request, reply, { phone, codeSent: true, error: message, next }, error.status);
    }
  });

  app.get('/register', { schema: { hide: true } }, async (request, reply) => {
    const ctx = await pageContextOf(request);
    return sendPage(request, reply, renderRegisterPage(ctx), { personal: true });
  });

  app.post('/register', { schema: { hide: true } }, async (request, reply) => {
    const prefs = preferencesOf(request);
    const { name = '', email = '', password = '' } = formFields(request);
    try {
      await limitRegistration(request);
      const { customerId } = await registerCustomer(db, { name, email, password });
      // A new account keeps the language and theme chosen while browsing as a guest.
      await updatePreferences(db, customerId, prefs);
      return await completeSignIn(request, reply, customerId, '/account');
    } catch (error) {
      if (!isLimitOrInput(error)) throw error;
      const ctx = await pageContextOf(request);
      const page = renderRegisterPage(ctx, { name, email, error: messageOf(prefs.locale, error) });
      return sendPage(request, reply, page, { personal: true, status: error.status });
    }
  });

  app.post('/logout', { schema: { hide: true } }, async (request, reply) => {
    await signOutShopper(request, reply);
    return reply.redirect('/', 303);
  });
}
