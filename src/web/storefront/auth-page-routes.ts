/**
 * Sign in, register and sign out for shoppers: thin doors to the customers use cases, which hold
 * every rule and limit. A failed login shows one message whatever went wrong; registration shows
 * one "check your email" page whether or not the address has an account.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../app/errors.ts';
import { safeLocalPath } from '../../app/safe-redirect.ts';
import {
  accountDepsOf,
  confirmRegistration,
  getCustomerProfile,
  logInWithCode,
  logInWithPassword,
  registerCustomer,
  requestLoginCode,
  updatePreferences,
} from '../../modules/customers/index.ts';
import { deviceTokenOf, signInShopper, signOutShopper } from '../../modules/identity/index.ts';
import { fieldErrorsOf, problemText, t } from '../i18n/index.ts';
import { preferencesOf, setPreferencesCookie } from '../layout/preferences.ts';
import { sendPage } from '../layout/send-page.ts';
import { formFields } from './form-input.ts';
import { pageContextOf } from './page-context.ts';
import {
  type LoginPageState,
  renderCheckEmailPage,
  renderConfirmRegistrationPage,
  renderLoginPage,
  renderRegisterPage,
} from './pages/auth-pages.ts';

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
  return reply.redirect(safeLocalPath(next, '/account'), 303);
}

function isLimitOrInput(error: unknown): error is DomainError {
  return error instanceof DomainError && error.status >= 400 && error.status < 500;
}

/** Input and limit errors, and "cannot send", shown in the page; anything else is the error page. */
function isShownInPage(error: unknown): error is DomainError {
  return isLimitOrInput(error) || (error instanceof DomainError && error.status === 503);
}

/** GET/POST /login, /login/code/request, /login/code, /register, /register/confirm; POST /logout. */
export async function authPageRoutes(app: FastifyInstance) {
  const db = app.deps.sql;
  const deps = accountDepsOf(app);

  app.get<{ Querystring: { next?: string } }>(
    '/login',
    { schema: { hide: true } },
    async (request, reply) => {
      if (request.shopperSession?.customerId) return reply.redirect('/account', 303);
      return showLogin(request, reply, {
        next: request.query.next ? safeLocalPath(request.query.next) : undefined,
      });
    },
  );

  app.post('/login', { schema: { hide: true } }, async (request, reply) => {
    const { locale } = preferencesOf(request);
    const { email = '', password = '', next = '' } = formFields(request);
    try {
      const { customerId } = await logInWithPassword(db, {
        email,
        password,
        ip: request.ip,
        deviceToken: deviceTokenOf(request),
      });
      return await completeSignIn(request, reply, customerId, next);
    } catch (error) {
      if (!isLimitOrInput(error)) throw error;
      const message = error.status === 401 ? t(locale, 'auth.failed') : problemText(locale, error);
      const fieldErrors = fieldErrorsOf(locale, error);
      return showLogin(request, reply, { email, error: message, fieldErrors, next }, error.status);
    }
  });

  app.post('/login/code/request', { schema: { hide: true } }, async (request, reply) => {
    const { locale } = preferencesOf(request);
    const { phone = '', next = '' } = formFields(request);
    try {
      await requestLoginCode(deps, { phone, ip: request.ip, locale });
      return showLogin(request, reply, { phone, codeSent: true, next });
    } catch (error) {
      if (!isShownInPage(error)) throw error;
      const fieldErrors = fieldErrorsOf(locale, error);
      return showLogin(
        request,
        reply,
        { phone, error: problemText(locale, error), fieldErrors, next },
        error.status,
      );
    }
  });

  app.post('/login/code', { schema: { hide: true } }, async (request, reply) => {
    const { locale } = preferencesOf(request);
    const { phone = '', code = '', next = '' } = formFields(request);
    try {
      const { customerId } = await logInWithCode(deps, { phone, code, ip: request.ip });
      return await completeSignIn(request, reply, customerId, next);
    } catch (error) {
      if (!isLimitOrInput(error)) throw error;
      const message = error.status === 401 ? t(locale, 'auth.failed') : problemText(locale, error);
      const fieldErrors = fieldErrorsOf(locale, error);
      return showLogin(
        request,
        reply,
        { phone, codeSent: true, error: message, fieldErrors, next },
        error.status,
      );
    }
  });

  app.get('/register', { schema: { hide: true } }, async (request, reply) => {
    const ctx = await pageContextOf(request);
    return sendPage(request, reply, renderRegisterPage(ctx), { personal: true });
  });

  app.post('/register', { schema: { hide: true } }, async (request, reply) => {
    const { locale } = preferencesOf(request);
    const { name = '', email = '', password = '' } = formFields(request);
    try {
      await registerCustomer(deps, { name, email, password, ip: request.ip, locale });
    } catch (error) {
      if (!isShownInPage(error)) throw error;
      const ctx = await pageContextOf(request);
      const page = renderRegisterPage(ctx, {
        name,
        email,
        error: problemText(locale, error),
        fieldErrors: fieldErrorsOf(locale, error),
      });
      return sendPage(request, reply, page, { personal: true, status: error.status });
    }
    // The same page whether the address was new or already had an account.
    return sendPage(request, reply, renderCheckEmailPage(await pageContextOf(request)), { personal: true });
  });

  // The emailed link opens a page; only its form (a POST) creates the account, so a link scanner
  // fetching the URL changes nothing.
  app.get<{ Querystring: { token?: string } }>(
    '/register/confirm',
    { schema: { hide: true } },
    async (request, reply) => {
      const ctx = await pageContextOf(request);
      const token = typeof request.query.token === 'string' ? request.query.token.slice(0, 100) : '';
      return sendPage(request, reply, renderConfirmRegistrationPage(ctx, { token }), { personal: true });
    },
  );

  app.post('/register/confirm', { schema: { hide: true } }, async (request, reply) => {
    const prefs = preferencesOf(request);
    const { token = '' } = formFields(request);
    try {
      const { customerId } = await confirmRegistration(db, { token });
      // A new account keeps the language and theme chosen while browsing as a guest.
      await updatePreferences(db, customerId, prefs);
      return await completeSignIn(request, reply, customerId, '/account');
    } catch (error) {
      if (!isLimitOrInput(error)) throw error;
      const ctx = await pageContextOf(request);
      const page = renderConfirmRegistrationPage(ctx, { token: '', error: problemText(prefs.locale, error) });
      return sendPage(request, reply, page, { personal: true, status: error.status });
    }
  });

  app.post('/logout', { schema: { hide: true } }, async (request, reply) => {
    await signOutShopper(request, reply);
    return reply.redirect('/', 303);
  });
}
