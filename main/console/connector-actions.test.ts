import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, type Connector } from '../connectors/connector';
import { createHttpConnector } from '../connectors/http';
import { describeConnectorActions, describeInput } from './connector-actions';

const ledgerConnector: Connector = {
  id: 'ledgerBook',
  title: 'Ledger book',
  actions: {
    addLine: {
      title: 'Add a line',
      input: z.object({
        account: z.string().min(1).describe('The account code'),
        amount: z.number().int(),
        currency: z.string().length(3).transform((c) => c.toLowerCase()),
        side: z.enum(['debit', 'credit']).default('debit'),
        tags: z.array(z.string()).optional(),
        memo: z.record(z.string(), z.string()).optional(),
        posted: z.boolean().default(true),
      }),
      run: async () => ({}),
    },
  },
  classify: () => ({ kind: 'permanent', code: 'x', message: 'x' }),
  testConnection: async () => ({ ok: true, detail: 'ok' }),
};

describe('describeConnectorActions', () => {
  it('lists every connector action by the name a step writes, sorted, with its title', () => {
    const view = describeConnectorActions(createRegistry([ledgerConnector, createHttpConnector({ record: () => {} })]));
    expect(view.actions.map((a) => [a.action, a.connectorTitle, a.title])).toEqual([
      ['http.request', 'HTTP', 'Send an HTTP request'],
      ['ledgerBook.addLine', 'Ledger book', 'Add a line'],
    ]);
  });

  it("gives the engine's defaults for a step's retry policy and attempt timeout", () => {
    const { defaults } = describeConnectorActions(createRegistry([]));
    expect(defaults).toEqual({
      retry: { maxAttempts: 8, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 300_000, deadlineMs: 86_400_000 },
      timeoutMs: 30_000,
    });
  });
});

describe('describeInput', () => {
  it('describes the fields as a person fills them in: required ones, choices, defaults, kinds', () => {
    const fields = describeInput(ledgerConnector.actions.addLine!.input);
    expect(fields).toEqual([
      { name: 'account', type: 'text', required: true, description: 'The account code' },
      { name: 'amount', type: 'number', required: true },
      // The transform's output is not what a step writes; its input (three letters) is.
      { name: 'currency', type: 'text', required: true },
      { name: 'side', type: 'choice', required: false, choices: ['debit', 'credit'], default: 'debit' },
      { name: 'tags', type: 'list', required: false },
      { name: 'memo', type: 'object', required: false },
      { name: 'posted', type: 'boolean', required: false, default: true },
    ]);
  });

  it('keeps the format of a text field (an email, a URL) as a hint', () => {
    const [url] = describeInput(z.object({ url: z.url() }));
    expect(url).toEqual({ name: 'url', type: 'text', required: true, format: 'uri' });
  });
});
