/**
 * Stripe's bracketed form encoding, parsed back into objects — checked against an encoder written the way
 * stripe-node writes request bodies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, FormParseError, parseStripeForm, type FormObject, type FormValue } from './stripe-form';

/** stripe-node's scheme: `a[b]`, `a[0]`, values percent-encoded, brackets left readable. */
function encode(data: FormObject): string {
  const pairs: string[] = [];
  const enc = (s: string) => encodeURIComponent(s).replace(/%5B/g, '[').replace(/%5D/g, ']');
  const walk = (key: string, value: FormValue) => {
    if (typeof value === 'string') pairs.push(`${enc(key)}=${enc(value)}`);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(`${key}[${i}]`, v));
    else for (const k of Object.keys(value)) walk(`${key}[${k}]`, value[k] as FormValue);
  };
  for (const k of Object.keys(data)) walk(k, data[k] as FormValue);
  return pairs.join('&');
}

const key = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/).filter((k) => !['constructor', 'prototype'].includes(k)),
  fc.constantFrom('toString', 'valueOf', 'hasOwnProperty'),
);
const leaf = fc.string({ minLength: 1, maxLength: 20 });
const { value } = fc.letrec<{ value: FormValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { minLength: 1, maxLength: 3 }),
    fc.dictionary(key, tie('value'), { minKeys: 1, maxKeys: 3 }),
  ),
}));

describe('parseStripeForm', () => {
  it('parses nested metadata, indexed arrays and appended arrays', () => {
    expect(parseStripeForm('email=a%40b.co&metadata[contract_id]=ctr_1&items[0][price]=p1&items[1][price]=p2&expand[]=x&expand[]=y')).toEqual({
      email: 'a@b.co',
      metadata: { contract_id: 'ctr_1' },
      items: [{ price: 'p1' }, { price: 'p2' }],
      expand: ['x', 'y'],
    });
    expect(parseStripeForm('metadata%5Bk%5D=a+b')).toEqual({ metadata: { k: 'a b' } });
    expect(parseStripeForm('description=')).toEqual({ description: '' });
  });

  it('round-trips whatever stripe-node would encode', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }), (data) => {
        expect(parseStripeForm(encode(data))).toEqual(data);
      }),
    );
  });

  it('refuses a key used both as a value and as an object, and prototype keys', () => {
    expect(() => parseStripeForm('metadata=x&metadata[k]=v')).toThrow(FormParseError);
    expect(() => parseStripeForm('metadata[k]=v&metadata=x')).toThrow(FormParseError);
    expect(() => parseStripeForm('__proto__[polluted]=1')).toThrow(FormParseError);
    expect(() => parseStripeForm('a[b=1')).toThrow(FormParseError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('fingerprints parameters independently of their order', () => {
    expect(canonicalJson(parseStripeForm('a=1&metadata[x]=1&metadata[y]=2'))).toBe(canonicalJson(parseStripeForm('metadata[y]=2&metadata[x]=1&a=1')));
    expect(canonicalJson(parseStripeForm('a=1'))).not.toBe(canonicalJson(parseStripeForm('a=2')));
  });
});
