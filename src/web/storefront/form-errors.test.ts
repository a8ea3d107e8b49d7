/**
 * Storefront forms show each failed field's problem beside it, in the shopper's language, from
 * the catalogue (never the English message the JSON API carries): checkout, the pay form, the
 * address book, registration and the phone-code login.
 */
import { describe, expect, it } from 'vitest';
import { createTestApp, latestRegistrationToken } from '../../../test/support.ts';
import { browser, csrfOf, productInStock } from './storefront-test-helpers.ts';

const { app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } });

const CARD = { expMonth: '12', expYear: '2030', cvc: '123', holder: 'Lin Xiaodeng' };
const GUEST = {
  email: 'guest@example.com',
  phone: '13900001111',
  recipient: '王小明',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  line1: '文三路 1 号',
  postalCode: '310000',
  deliveryOption: 'standard',
};

/** The message shown under the input `name`, or undefined. */
function fieldError(body: string, name: string): string | undefined {
  return body.match(new RegExp(`data-field-error="${name}">([^<]*)<`))?.[1];
}

async function atCheckout(lang?: 'en') {
  const shopper = browser(app);
  if (lang) shopper.jar.set('lantern_prefs', 'en.system.comfortable');
  const { variantId } = await productInStock(sql, 3);
  await shopper.post('/cart/items', { variantId, quantity: '1' });
  const page = await shopper.get('/checkout');
  const idempotencyKey = page.body.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  return { shopper, idempotencyKey, csrf: csrfOf(page.body) };
}

describe('checkout form errors', () => {
  it('names each bad field beside its input, in Chinese', async () => {
    const { shopper, idempotencyKey, csrf } = await atCheckout();
    const res = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey,
      ...GUEST,
      email: 'not-an-email',
      phone: '12',
      postalCode: 'AB-1',
      recipient: '',
      cardNumber: '4242 4242 4242 4242',
      ...CARD,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'email')).toBe('请输入有效的邮箱地址。');
    expect(fieldError(res.body, 'phone')).toBe('请输入有效的手机号码。');
    expect(fieldError(res.body, 'postalCode')).toBe('邮政编码只能包含数字。');
    expect(fieldError(res.body, 'recipient')).toBe('请填写此项。');
    expect(fieldError(res.body, 'city')).toBeUndefined();
    expect(res.body).toMatch(/id="f-email"[^>]*aria-invalid="true"[^>]*aria-describedby="f-email-error"/);
    expect(res.body).toContain('请检查：邮箱、手机号、收货人、邮政编码。');
    expect(res.body).not.toMatch(/Invalid|must be|expected/);
  });

  it('says the same in English for an English shopper', async () => {
    const { shopper, idempotencyKey, csrf } = await atCheckout('en');
    const res = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey,
      ...GUEST,
      email: 'not-an-email',
      cardNumber: '4242',
      ...CARD,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'email')).toBe('Enter a valid email address.');
    expect(fieldError(res.body, 'cardNumber')).toBe('Enter a valid card number.');
  });

  it('shows a bad card on the order page’s pay form beside the field, keeping the order', async () => {
    const { shopper, idempotencyKey, csrf } = await atCheckout();
    const placed = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey,
      ...GUEST,
      cardNumber: '4000 0000 0000 0002',
      ...CARD,
    });
    const location = placed.headers.location as string;
    const orderId = location.match(/ord_\w+/)![0];
    const token = new URL(location, 'http://x').searchParams.get('token')!;
    const order = await shopper.get(location);
    const res = await shopper.post(`/orders/${orderId}/pay`, {
      _csrf: csrfOf(order.body),
      token,
      idempotencyKey: 'pay-form-errors-1',
      cardNumber: '12',
      expMonth: '12',
      expYear: '2030',
      cvc: '1',
      holder: 'Lin',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'cardNumber')).toBe('请输入有效的卡号。');
    expect(fieldError(res.body, 'cvc')).toBe('请填写卡背面的 3 位数字。');
    expect(res.body).toContain('value="Lin"');
    expect(res.body).toMatch(/<input id="p-cardNumber"(?![^>]*value=)[^>]*>/); // never shown back
    expect(res.body).toContain('data-status="pending_payment"');
  });
});

describe('account and sign-in form errors', () => {
  it('shows the address book’s rules per field', async () => {
    const shopper = browser(app);
    await shopper.post('/register', { name: '测试', email: 'forms@example.com', password: 'long-enough-1' });
    const token = await latestRegistrationToken(app, 'forms@example.com');
    await shopper.post('/register/confirm', { token });
    const page = await shopper.get('/account/addresses');
    const res = await shopper.post('/account/addresses', {
      _csrf: csrfOf(page.body),
      recipient: '长'.repeat(101),
      phone: 'call me',
      province: '广东省',
      city: '深圳市',
      district: '',
      line1: '科技园 2 号',
      postalCode: '',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'recipient')).toBe('最多填写 100 个字符。');
    expect(fieldError(res.body, 'phone')).toBe('请输入有效的手机号码。');
    expect(res.body).toContain('请检查地址信息。');
  });

  it('shows registration and phone-login problems per field', async () => {
    const shopper = browser(app);
    const reg = await shopper.post('/register', { name: '测试', email: 'nope', password: 'x' });
    expect(reg.statusCode).toBe(400);
    expect(fieldError(reg.body, 'email')).toBe('请输入有效的邮箱地址。');
    const short = await shopper.post('/register', { name: '测试', email: 'ok@example.com', password: 'x' });
    expect(fieldError(short.body, 'password')).toMatch(/^请填写 8 到 \d+ 个字符。$/);
    const code = await shopper.post('/login/code/request', { phone: 'abc' });
    expect(code.statusCode).toBe(400);
    expect(fieldError(code.body, 'phone')).toBe('请输入有效的手机号码。');
  });
});
