import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMinor, majorUnits, stripeMoney, type RecordedExchange } from './money';

const body = (text: string, extra: object = {}) => ({ text, encoding: 'utf8', bytes: text.length, truncated: false, ...extra });
function exchange(method: string, path: string, form: string, status: number | null, answer?: object): RecordedExchange {
  return {
    request: { method, url: `https://api.stripe.com${path}`, body: body(form) },
    response: status === null ? null : { status, body: body(answer ? JSON.stringify(answer) : '') },
  };
}

describe('money in recorded Stripe calls', () => {
  it('reads the amount Stripe confirmed, by the field each object uses', () => {
    expect(stripeMoney(exchange('POST', '/v1/payment_intents', 'amount=2000&currency=eur', 200, { id: 'pi_1', object: 'payment_intent', amount: 2000, currency: 'eur' })))
      .toEqual({ amountMinor: 2000, currency: 'EUR', object: 'payment_intent', objectId: 'pi_1', method: 'POST', path: '/v1/payment_intents', httpStatus: 200, confirmed: true });
    expect(stripeMoney(exchange('POST', '/v1/invoices/in_1/finalize', '', 200, { id: 'in_1', object: 'invoice', total: 54800, amount_due: 54800, currency: 'usd' })))
      .toMatchObject({ amountMinor: 54800, object: 'invoice' });
    expect(stripeMoney(exchange('POST', '/v1/checkout/sessions', '', 200, { id: 'cs_1', object: 'checkout.session', amount_total: 999, currency: 'gbp' })))
      .toMatchObject({ amountMinor: 999, currency: 'GBP' });
  });

  it('sums a subscription\'s items, unit amount times quantity', () => {
    const sub = { id: 'sub_1', object: 'subscription', currency: 'usd', items: { data: [
      { price: { unit_amount: 49900 }, quantity: 2 }, { price: { unit_amount: 100 } },
    ] } };
    expect(stripeMoney(exchange('POST', '/v1/subscriptions', 'customer=cus_1&items[0][price]=p', 200, sub))).toMatchObject({ amountMinor: 99900, object: 'subscription' });
  });

  it('falls back to the form sent when Stripe refused or never answered, and says it was not confirmed', () => {
    const declined = stripeMoney(exchange('POST', '/v1/payment_intents', 'amount=1500&currency=usd&confirm=true', 402, { error: { code: 'card_declined' } }));
    expect(declined).toMatchObject({ amountMinor: 1500, currency: 'USD', confirmed: false, httpStatus: 402, object: null });
    expect(stripeMoney(exchange('POST', '/v1/refunds', 'amount=300&currency=jpy', null))).toMatchObject({ amountMinor: 300, currency: 'JPY', confirmed: false, httpStatus: null });
  });

  it('sees no money in reads, in calls without amounts, and in bodies it cannot trust', () => {
    expect(stripeMoney(exchange('GET', '/v1/payment_intents/pi_1', '', 200, { object: 'payment_intent', amount: 2000, currency: 'usd' }))).toBeNull();
    expect(stripeMoney(exchange('POST', '/v1/customers', 'name=Litware', 200, { id: 'cus_1', object: 'customer', currency: null, balance: 0 }))).toBeNull();
    const truncated: RecordedExchange = { request: { method: 'POST', url: '/v1/x', body: body('amount=1', { truncated: true }) }, response: null };
    expect(stripeMoney(truncated)).toBeNull();
    expect(stripeMoney({})).toBeNull();
  });

  it('formats amounts exactly, with each currency\'s own decimals', () => {
    expect(formatMinor(49900, 'USD')).toBe('499.00');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(-1234, 'usd')).toBe('-12.34');
    expect(formatMinor(500, 'JPY')).toBe('500');
    expect(formatMinor(1234, 'KWD')).toBe('1.234');
    expect(formatMinor(99_999_999_999, 'USD')).toBe('999999999.99');
    expect(currencyExponent('xof')).toBe(0);
    expect(majorUnits(54800, 'USD')).toBe(548);
  });
});
