/**
 * Stripe's search query language for customers.
 */
import { describe, expect, it } from 'vitest';
import { matchesQuery, parseSearchQuery, SearchQueryError } from './stripe-search';

const customer = { id: 'cus_1', email: 'Ada@Acme.example', name: 'Acme Corp', phone: null, created: 1_700_000_000, metadata: { contract_id: 'ctr_1', plan: 'enterprise' } };
const matches = (q: string) => matchesQuery(customer, parseSearchQuery(q));

describe('customer search queries', () => {
  it('matches metadata exactly and fields case-insensitively', () => {
    expect(matches("metadata['contract_id']:'ctr_1'")).toBe(true);
    expect(matches('metadata["contract_id"]:"CTR_1"')).toBe(false);
    expect(matches("email:'ada@acme.example'")).toBe(true);
    expect(matches("name~'acme'")).toBe(true);
  });

  it('combines with AND / OR, negates with -, compares created', () => {
    expect(matches("email:'ada@acme.example' AND metadata['plan']:'enterprise'")).toBe(true);
    expect(matches("email:'x@y.z' OR metadata['plan']:'enterprise'")).toBe(true);
    expect(matches("-metadata['plan']:'enterprise'")).toBe(false);
    expect(matches('created>1600000000 AND created<=1700000000')).toBe(true);
    expect(matches("metadata['missing']:null")).toBe(true);
  });

  it('refuses what Stripe refuses', () => {
    for (const q of ['', "email:'a' AND name:'b' OR name:'c'", "colour:'red'", 'email:unquoted', "name~'ab'", "metadata['k']~'abc'", "email:'a"]) {
      expect(() => parseSearchQuery(q), q).toThrow(SearchQueryError);
    }
  });
});
