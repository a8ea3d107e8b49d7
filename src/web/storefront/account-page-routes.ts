/**
 * The signed-in account pages: orders, addresses (add, make default, delete) and preferences.
 * Guests are sent to /login and come back afterwards; every page is `private, no-store`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../app/errors.ts';
import {
  deleteAddress,
  getCustomerProfile,
  listAddresses,
  saveAddress,
} from '../../modules/customers/index.ts';
import { listCustomerOrders } from '../../modules/orders/index.ts';
import { fieldErrorsOf, problemText, t } from '../i18n/index.ts';
import { preferencesOf } from '../layout/preferences.ts';
import { sendPage } from '../layout/send-page.ts';
import { formFields } from './form-input.ts';
import { pageContextOf } from './page-context.ts';
import {
  renderAccountAddressesPage,
  renderAccountOrdersPage,
  renderAccountPreferencesPage,
} from './pages/account-pages.ts';
import { ADDRESS_FIELDS } from './pages/checkout-page.ts';

/** The signed-in customer's id, or null after sending them to the login page. */
function customerOrLogin(request: FastifyRequest, reply: FastifyReply): string | null {
  const id = request.shopperSession?.customerId;
  if (id) return id;
  const next = request.method === 'GET' ? request.url : '/account';
  reply.header('cache-control', 'private, no-store').redirect(`/login?next=${encodeURIComponent(next)}`, 303);
  return null;
}

/** GET /account, /account/orders, /account/addresses, /account/preferences and the address forms. */
export async function accountPageRoutes(app: FastifyInstance) {
  const db = app.deps.sql;

  const ordersPage = async (request: FastifyRequest, reply: FastifyReply) => {
    const customerId = customerOrLogin(request, reply);
    if (!customerId) return reply;
    const [ctx, profile, orders] = await Promise.all([
      pageContextOf(request),
      getCustomerProfile(db, customerId),
      listCustomerOrders(db, customerId, { pageSize: 50 }),
    ]);
    const name = profile.name || profile.email || profile.phone || '';
    return sendPage(request, reply, renderAccountOrdersPage(ctx, name, orders.items), { personal: true });
  };
  app.get('/account', { schema: { hide: true } }, ordersPage);
  app.get('/account/orders', { schema: { hide: true } }, ordersPage);

  app.get('/account/addresses', { schema: { hide: true } }, async (request, reply) => {
    const customerId = customerOrLogin(request, reply);
    if (!customerId) return reply;
    const [ctx, profile, addresses] = await Promise.all([
      pageContextOf(request),
      getCustomerProfile(db, customerId),
      listAddresses(db, customerId),
    ]);
    const page = renderAccountAddressesPage(ctx, profile.name, addresses);
    return sendPage(request, reply, page, { personal: true });
  });

  app.post('/account/addresses', { schema: { hide: true } }, async (request, reply) => {
    const customerId = customerOrLogin(request, reply);
    if (!customerId) return reply;
    const fields = formFields(request);
    const input = Object.fromEntries(ADDRESS_FIELDS.map((k) => [k, fields[k] ?? ''])) as Record<
      (typeof ADDRESS_FIELDS)[number],
      string
    >;
    try {
      await saveAddress(db, customerId, { ...input, isDefault: fields.isDefault === '1' });
      return reply.redirect('/account/addresses', 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      const [ctx, profile, addresses] = await Promise.all([
        pageContextOf(request),
        getCustomerProfile(db, customerId),
        listAddresses(db, customerId),
      ]);
      const { locale } = preferencesOf(request);
      const page = renderAccountAddressesPage(ctx, profile.name, addresses, {
        values: input,
        // Field rules fail as `validation_failed`; on this form that means the address.
        error:
          error.code === 'validation_failed'
            ? t(locale, 'problem.invalid_address')
            : problemText(locale, error),
        fieldErrors: fieldErrorsOf(locale, error),
      });
      return sendPage(request, reply, page, { personal: true, status: error.status });
    }
  });

  app.post<{ Params: { id: string } }>(
    '/account/addresses/:id/default',
    { schema: { hide: true } },
    async (request, reply) => {
      const customerId = customerOrLogin(request, reply);
      if (!customerId) return reply;
      await saveAddress(db, customerId, { id: request.params.id, isDefault: true });
      return reply.redirect('/account/addresses', 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/account/addresses/:id/delete',
    { schema: { hide: true } },
    async (request, reply) => {
      const customerId = customerOrLogin(request, reply);
      if (!customerId) return reply;
      await deleteAddress(db, customerId, request.params.id);
      return reply.redirect('/account/addresses', 303);
    },
  );

  app.get<{ Querystring: { saved?: string } }>(
    '/account/preferences',
    { schema: { hide: true } },
    async (request, reply) => {
      const customerId = customerOrLogin(request, reply);
      if (!customerId) return reply;
      const [ctx, profile] = await Promise.all([pageContextOf(request), getCustomerProfile(db, customerId)]);
      const page = renderAccountPreferencesPage(ctx, profile.name, request.query.saved === '1');
      return sendPage(request, reply, page, { personal: true });
    },
  );
}
