/**
 * Checkout and the order page. One POST places the order and pays it with the sandbox card, or
 * sends the shopper to the sandbox gateway's page for Alipay / WeChat Pay, which sends them back
 * to the order page (paid once the gateway's callback has landed; until then the page refreshes
 * itself). The idempotency key made at render time means a double submit or a retry makes one
 * order and one charge. Guests reach their order by its secret token (`/orders/:id?token=…`).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type FieldIssue } from '../../app/errors.ts';
import type { Money } from '../../app/money.ts';
import { cartOwnerOf } from '../../modules/cart/index.ts';
import {
  type CheckoutCaller,
  checkoutDepsOf,
  DELIVERY_OPTIONS,
  orderContactIssues,
  placeOrder,
  quoteCheckout,
} from '../../modules/checkout/index.ts';
import { addressIssues, getCustomerProfile, listAddresses } from '../../modules/customers/index.ts';
import { getOrderByAccessToken, getOrderForCustomer, type OrderAccess } from '../../modules/orders/index.ts';
import {
  cardFromForm,
  cardIssues,
  listOrderPayments,
  type PaymentMethod,
  type PaymentSummary,
  paymentsDepsOf,
  payOrder,
} from '../../modules/payments/index.ts';
import { shopperKeyOf } from '../../modules/recommendations/index.ts';
import {
  issuesOf as issuesOfError,
  issueText,
  type Locale,
  type MessageKey,
  problemText,
  t,
} from '../i18n/index.ts';
import { preferencesOf } from '../layout/preferences.ts';
import { sendPage } from '../layout/send-page.ts';
import { formatCny } from './components/price.ts';
import { formFields } from './form-input.ts';
import { pageContextOf } from './page-context.ts';
import { type CheckoutValues, renderCheckoutPage } from './pages/checkout-page.ts';
import { renderErrorPage } from './pages/error-page.ts';
import { type OrderPaymentView, renderOrderPage } from './pages/order-page.ts';
import { loadShelf } from './recommendation-shelves.ts';

/** The checkout form's card inputs, by the payments rules' field names. */
const CARD_INPUTS: Record<string, string> = {
  'card.number': 'cardNumber',
  'card.expMonth': 'expMonth',
  'card.expYear': 'expYear',
  'card.cvc': 'cvc',
  'card.holder': 'holder',
};

/** The form's card, as payments reads it. */
function cardOf(fields: Record<string, string>) {
  return cardFromForm({
    number: fields.cardNumber,
    expMonth: fields.expMonth,
    expYear: fields.expYear,
    cvc: fields.cvc,
    holder: fields.holder,
  });
}

/**
 * What the payments rules say about the form's card, named by input. Asked before the order is
 * placed, so a card that cannot be charged leaves no order behind.
 */
function cardFormIssues(fields: Record<string, string>): FieldIssue[] {
  return cardIssues(cardOf(fields)).map((i) => ({ ...i, field: CARD_INPUTS[i.field] ?? i.field }));
}

/** A use case's issue (`address.postalCode`) named by the form's input (`postalCode`). */
function byInput(issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ ...i, field: i.field.replace(/^address\./, '') }));
}

const FIELD_LABELS: Record<string, MessageKey> = {
  email: 'checkout.email',
  phone: 'checkout.phone',
  recipient: 'checkout.recipient',
  province: 'checkout.province',
  city: 'checkout.city',
  district: 'checkout.district',
  line1: 'checkout.line1',
  postalCode: 'checkout.postalCode',
  cardNumber: 'checkout.cardNumber',
  expMonth: 'checkout.cardExpMonth',
  expYear: 'checkout.cardExpYear',
  cvc: 'checkout.cardCvc',
  holder: 'checkout.cardHolder',
  deliveryOption: 'checkout.delivery',
};

/** Fields that failed, named in the shopper's language. */
function invalidFieldsMessage(locale: Locale, fields: string[]): string {
  const names = [...new Set(fields)].flatMap((f) => (FIELD_LABELS[f] ? [t(locale, FIELD_LABELS[f])] : []));
  return t(locale, 'checkout.invalidFields', { fields: names.join(locale === 'en' ? ', ' : '、') });
}

/** Each failed field's translated message, by input name. */
function messagesByField(locale: Locale, issues: FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.field] ??= issueText(locale, issue);
  return out;
}

/** Who is asking, as the checkout limits count it. */
function callerOf(request: FastifyRequest): CheckoutCaller {
  const session = request.shopperSession;
  return { sessionKey: session?.tokenHash ?? `ip:${request.ip}`, clientAddress: request.ip };
}

function orderUrl(orderId: string, token: string | undefined, params: Record<string, string>): string {
  const search = new URLSearchParams(token ? { token, ...params } : params).toString();
  return `/orders/${orderId}${search ? `?${search}` : ''}`;
}

/** The wallet a form chose (its submit button's value); anything else pays by card. */
function walletOf(value: string | undefined): Exclude<PaymentMethod, 'card'> | null {
  return value === 'alipay' || value === 'wechat_pay' ? value : null;
}

/**
 * Pays with the posted card or wallet. A card's result becomes query flags of the order page; a
 * wallet sends the shopper to the provider's page, which brings them back to the order page.
 */
async function payAndRedirect(
  request: FastifyRequest,
  reply: FastifyReply,
  input: {
    orderId: string;
    access: OrderAccess;
    token?: string;
    fields: Record<string, string>;
    wallet: Exclude<PaymentMethod, 'card'> | null;
    key: string;
  },
) {
  // After paying, the order page thanks the shopper once the order is paid.
  const flags = { placed: '1' };
  let outcome: string;
  try {
    const result = await payOrder(paymentsDepsOf(request.server.deps), {
      orderId: input.orderId,
      access: input.access,
      method: input.wallet ?? 'card',
      card: input.wallet ? undefined : cardOf(input.fields),
      // One rendered page offers several methods: each gets its own key, so choosing another
      // method on the same page is a new request (which supersedes the first), not a reused key.
      idempotencyKey: input.wallet ? `${input.key}:${input.wallet}` : input.key,
      caller: callerOf(request),
    });
    if (result.status === 'pending' && result.nextAction) {
      const back = orderUrl(input.orderId, input.token, { ...flags, payment: 'returned' });
      return reply.redirect(`${result.nextAction.url}?${new URLSearchParams({ return: back })}`, 303);
    }
    outcome = result.status === 'captured' ? 'paid' : result.status === 'pending' ? 'pending' : 'declined';
  } catch (error) {
    if (!(error instanceof DomainError) || error.status >= 500 || error.status === 404) throw error;
    outcome = input.wallet ? 'not_completed' : 'invalid';
  }
  return reply.redirect(orderUrl(input.orderId, input.token, { ...flags, payment: outcome }), 303);
}

/**
 * What the order page says about the order's latest payment attempt; `flag` is the page's
 * `payment` query flag (`returned` from the provider's page, `not_completed` when refused).
 */
function paymentView(payments: PaymentSummary[], flag: string | undefined, back: string): OrderPaymentView {
  const latest = payments.at(-1);
  const waiting = latest?.status === 'pending' ? latest : undefined;
  const returned = flag === 'returned';
  return {
    awaitingProvider: returned && Boolean(waiting),
    notCompleted:
      flag === 'not_completed' ||
      (returned && (latest?.status === 'failed' || latest?.status === 'cancelled')),
    continueUrl: waiting?.nextAction
      ? `${waiting.nextAction.url}?${new URLSearchParams({ return: back })}`
      : undefined,
  };
}

/** GET/POST /checkout, GET /orders/:id, POST /orders/:id/pay. */
export async function checkoutPageRoutes(app: FastifyInstance) {
  const db = app.deps.sql;

  const showCheckout = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: CheckoutValues,
    error?: string,
    status = 200,
    fieldErrors?: Record<string, string>,
  ) => {
    const session = request.shopperSession;
    if (!session) return reply.redirect('/cart', 303);
    const deliveryOption = DELIVERY_OPTIONS.some((o) => o.code === values.deliveryOption)
      ? values.deliveryOption!
      : DELIVERY_OPTIONS[0]!.code;
    const quote = await quoteCheckout(db, cartOwnerOf(session), { deliveryOption });
    if (quote.lines.length === 0) return reply.redirect('/cart', 303);
    const customerId = session.customerId;
    const [ctx, addresses, profile] = await Promise.all([
      pageContextOf(request),
      customerId ? listAddresses(db, customerId) : [],
      customerId ? getCustomerProfile(db, customerId) : null,
    ]);
    const prefilled = { email: profile?.email ?? '', phone: profile?.phone ?? '', ...values };
    const page = renderCheckoutPage(ctx, {
      quote,
      deliveryOptions: quote.deliveryChoices,
      savedAddresses: addresses,
      values: prefilled,
      idempotencyKey: values.idempotencyKey ?? randomUUID(),
      error,
      fieldErrors,
    });
    return sendPage(request, reply, page, { personal: true, status });
  };

  app.get('/checkout', { schema: { hide: true } }, async (request, reply) =>
    showCheckout(request, reply, {}),
  );

  app.post('/checkout', { schema: { hide: true } }, async (request, reply) => {
    const { locale } = preferencesOf(request);
    const fields = formFields(request);
    const session = request.shopperSession;
    if (!session) return reply.redirect('/cart', 303);
    const customerId = session.customerId;
    const saved =
      customerId && fields.savedAddressId && fields.savedAddressId !== 'new' ? fields.savedAddressId : null;
    const address = {
      recipient: fields.recipient ?? '',
      phone: fields.phone ?? '',
      province: fields.province ?? '',
      city: fields.city ?? '',
      district: fields.district ?? '',
      line1: fields.line1 ?? '',
      postalCode: fields.postalCode ?? '',
    };
    // The card number and CVC are never shown back.
    const { cardNumber: _n, cvc: _c, intent: _i, ...values } = fields;
    // "Update total" (for browsers without JavaScript): the same form again, quoted for the
    // delivery option now chosen; nothing is placed and the idempotency key stays.
    if (fields.intent === 'quote') return showCheckout(request, reply, values);
    const wallet = walletOf(fields.paymentMethod);
    // The checkout and payments rules, asked up front so every bad field shows at once.
    const bad: FieldIssue[] = [
      ...orderContactIssues({ email: fields.email ?? '', phone: fields.phone ?? '' }),
      ...(saved ? [] : addressIssues(address, { complete: true }).issues),
      ...(wallet ? [] : cardFormIssues(fields)),
      ...(DELIVERY_OPTIONS.some((o) => o.code === fields.deliveryOption)
        ? []
        : [{ field: 'deliveryOption', code: 'invalid_value', message: 'is not a delivery option' }]),
    ];
    if (bad.length) {
      const message = invalidFieldsMessage(
        locale,
        bad.map((i) => i.field),
      );
      return showCheckout(request, reply, values, message, 400, messagesByField(locale, bad));
    }
    const key =
      fields.idempotencyKey && fields.idempotencyKey.length <= 100 ? fields.idempotencyKey : randomUUID();
    let placed: Awaited<ReturnType<typeof placeOrder>>;
    try {
      placed = await placeOrder(checkoutDepsOf(app.deps), {
        owner: cartOwnerOf(session),
        customerId,
        caller: callerOf(request),
        email: fields.email!,
        phone: fields.phone!,
        address: saved ? { savedAddressId: saved } : address,
        deliveryOption: fields.deliveryOption!,
        locale,
        idempotencyKey: key,
        shopperKey: shopperKeyOf(request),
        log: request.log,
        shownTotalMinor: /^\d{1,15}$/.test(fields.shownTotalMinor ?? '')
          ? Number(fields.shownTotalMinor)
          : undefined,
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      const message =
        error.code === 'checkout_total_changed'
          ? t(locale, 'checkout.totalChanged', { total: formatCny(error.extra?.total as Money) })
          : t(locale, 'checkout.failed', { reason: problemText(locale, error) });
      // A new key: the failed attempt's key is spent on this failure.
      return showCheckout(
        request,
        reply,
        { ...values, idempotencyKey: randomUUID() },
        message,
        error.status,
        messagesByField(locale, byInput(issuesOfError(error))),
      );
    }
    const access: OrderAccess = customerId ? { customerId } : { accessToken: placed.accessToken };
    const token = customerId ? undefined : placed.accessToken;
    return payAndRedirect(request, reply, {
      orderId: placed.orderId,
      access,
      token,
      fields,
      wallet,
      key: `${key}:pay`,
    });
  });

  /** The order page; `card` re-shows a pay form that failed its checks, with each field's problem. */
  const showOrder = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      orderId: string;
      token: string | undefined;
      flags: { placed?: boolean; payment?: string };
      card?: { values: CheckoutValues; errors: Record<string, string> };
    },
  ) => {
    const customerId = request.shopperSession?.customerId;
    // The page context loads beside the order; the shelf needs the order's products.
    const context = pageContextOf(request);
    context.catch(() => {}); // awaited below; this only keeps an early throw from leaving it unhandled
    let order: Awaited<ReturnType<typeof getOrderForCustomer>>;
    const notFound = async () =>
      sendPage(request, reply, renderErrorPage(await context, 404), { personal: true, status: 404 });
    try {
      if (input.token) order = await getOrderByAccessToken(db, input.orderId, input.token);
      else if (customerId) order = await getOrderForCustomer(db, customerId, input.orderId);
      else return notFound();
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) return notFound();
      throw error;
    }
    // Not while payment is pending: the pay form is what the shopper needs then.
    const cartProductIds = [...new Set(order.lines.map((l) => l.productId))];
    const [ctx, shelf, payments] = await Promise.all([
      context,
      order.status === 'pending_payment'
        ? null
        : loadShelf(request, { placement: 'order_confirmation', cartProductIds }),
      order.status === 'pending_payment' ? listOrderPayments(db, order.id) : [],
    ]);
    const invalid = input.flags.payment === 'invalid' || input.card !== undefined;
    const back = orderUrl(order.id, input.token, { payment: 'returned' });
    const page = renderOrderPage(ctx, order, {
      token: input.token,
      placed: input.flags.placed,
      payment: paymentView(payments, input.flags.payment, back),
      declined: input.flags.payment === 'declined',
      error: invalid ? t(ctx.locale, 'checkout.cardInvalid') : undefined,
      cardValues: input.card?.values,
      cardErrors: input.card?.errors,
      idempotencyKey: randomUUID(),
      shelf,
    });
    return sendPage(request, reply, page, { personal: true, status: input.card ? 400 : 200 });
  };

  app.get<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>(
    '/orders/:id',
    { schema: { hide: true } },
    async (request, reply) => {
      const { token, placed, payment } = request.query;
      return showOrder(request, reply, {
        orderId: request.params.id,
        token: typeof token === 'string' && token ? token : undefined,
        flags: { placed: placed === '1', payment },
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/orders/:id/pay',
    { schema: { hide: true } },
    async (request, reply) => {
      const fields = formFields(request);
      const customerId = request.shopperSession?.customerId;
      const token = fields.token || undefined;
      const access: OrderAccess | null = token ? { accessToken: token } : customerId ? { customerId } : null;
      if (!access) return reply.redirect('/login', 303);
      const wallet = walletOf(fields.paymentMethod);
      const badCard = wallet ? [] : cardFormIssues(fields);
      if (badCard.length) {
        const { locale } = preferencesOf(request);
        const { cardNumber: _n, cvc: _c, ...values } = fields;
        return showOrder(request, reply, {
          orderId: request.params.id,
          token,
          flags: {},
          card: { values, errors: messagesByField(locale, badCard) },
        });
      }
      const key =
        fields.idempotencyKey && fields.idempotencyKey.length <= 100 ? fields.idempotencyKey : randomUUID();
      return payAndRedirect(request, reply, {
        orderId: request.params.id,
        access,
        token,
        fields,
        wallet,
        key,
      });
    },
  );
}
