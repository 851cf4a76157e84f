import { describe, expect, it } from 'vitest';
import type { EndpointProviderView, EndpointView } from '../../../../preload/api';
import { editEndpointForm, formProblem, newEndpointForm, saveEndpointInput, secretModes, settingsFromForm } from './endpointForm';

const catchUp = { mode: 'retries-only' as const, label: 'retries only', detail: '' };
const stripe: EndpointProviderView = {
  provider: 'stripe', title: 'Stripe', authenticates: true, secretSource: 'provider', secretHint: 'Developers → Webhooks', catchUp,
  fields: [{ name: 'types', label: 'Event types', type: 'list', required: false }],
};
const hmac: EndpointProviderView = {
  provider: 'hmac', title: 'Generic HMAC', authenticates: true, secretSource: 'provider-or-keel', secretHint: 'the sender', catchUp,
  fields: [
    { name: 'header', label: 'Signature header', type: 'text', required: true },
    { name: 'toleranceSeconds', label: 'Timestamp tolerance (seconds)', type: 'number', required: false },
    { name: 'hookSecret', label: 'Handshake', type: 'boolean', required: false },
    { name: 'hookSecretUntil', label: 'Accept the handshake until', type: 'datetime', required: false },
  ],
};
const none: EndpointProviderView = { provider: 'none', title: 'None (unsafe)', authenticates: false, secretSource: 'none', secretHint: 'No secret', catchUp, fields: [] };
const actor = { who: 'Dana', why: 'new provider' };

describe('endpoint form', () => {
  it('turns typed settings into the provider\'s values, leaving empty ones to the verifier\'s defaults', () => {
    const form = { ...newEndpointForm('client-onboarding', 'hmac'), settings: { header: ' X-Sig ', toleranceSeconds: '', hookSecret: false, types: 'left over from Stripe' } };
    expect(settingsFromForm(form, hmac)).toEqual({ ok: true, settings: { provider: 'hmac', header: 'X-Sig' } });
    expect(settingsFromForm({ ...form, settings: { ...form.settings, toleranceSeconds: 'five' } }, hmac)).toEqual({ ok: false, problem: 'Timestamp tolerance (seconds) must be a number.' });
    const stripeForm = { ...newEndpointForm('client-onboarding'), settings: { types: 'customer.created, invoice.paid\ncheckout.session.completed' } };
    expect(settingsFromForm(stripeForm, stripe)).toEqual({ ok: true, settings: { provider: 'stripe', types: ['customer.created', 'invoice.paid', 'checkout.session.completed'] } });
  });

  it('reads an endpoint back into the form the way it was typed', () => {
    const until = new Date(2030, 0, 2, 3, 4).getTime();
    const endpoint = { slug: 'asana', workflowId: 'wf', verifier: 'hmac', enabled: false, settings: { header: 'X-Hook-Signature', hookSecret: true, hookSecretUntil: until } } as unknown as EndpointView;
    const form = editEndpointForm(endpoint, hmac);
    expect(form).toMatchObject({ mode: 'update', slug: 'asana', enabled: false, secretMode: 'keep', settings: { header: 'X-Hook-Signature', hookSecret: true, hookSecretUntil: '2030-01-02T03:04' } });
    expect(settingsFromForm(form, hmac)).toEqual({ ok: true, settings: { provider: 'hmac', header: 'X-Hook-Signature', hookSecret: true, hookSecretUntil: until } });
    expect(secretModes(hmac, form)).toEqual(['keep']);
  });

  it('offers to generate a secret only where Keel may make it', () => {
    expect(secretModes(stripe, newEndpointForm('wf'))).toEqual(['paste', 'keep']);
    expect(secretModes(hmac, newEndpointForm('wf', 'hmac'))).toEqual(['paste', 'generate', 'keep']);
    expect(secretModes(none, newEndpointForm('wf', 'none'))).toEqual(['keep']);
  });

  it('says what stops it before sending', () => {
    expect(formProblem({ ...newEndpointForm('wf'), slug: 'Stripe Events' }, stripe)).toMatch(/lower-case letters/);
    expect(formProblem({ ...newEndpointForm('wf', 'none'), slug: 'open' }, none)).toMatch(/anyone who knows the URL can start runs/);
    expect(formProblem({ ...newEndpointForm('wf', 'none'), slug: 'open', allowUnsigned: true }, none)).toBeNull();
    expect(formProblem({ ...newEndpointForm('wf'), slug: 'pay', secretValue: 'short' }, stripe)).toMatch(/at least 8/);
    expect(formProblem({ ...newEndpointForm('wf'), slug: 'pay', secretValue: 'whsec_abcdefgh' }, stripe)).toBeNull();
  });

  it('sends the pasted secret, a request to generate one, or none', () => {
    const form = { ...newEndpointForm('client-onboarding'), slug: 'pay', secretValue: ' whsec_pasted1234 ', settings: { types: 'contract.signed' } };
    expect(saveEndpointInput(form, stripe, actor)).toEqual({
      mode: 'create', slug: 'pay', workflowId: 'client-onboarding', verifier: { provider: 'stripe', types: ['contract.signed'] }, enabled: true,
      secret: { kind: 'given', value: 'whsec_pasted1234' }, actor,
    });
    expect(saveEndpointInput({ ...form, provider: 'hmac', secretMode: 'generate', settings: { header: 'X-Sig' } }, hmac, actor).secret).toEqual({ kind: 'generate' });
    // A choice that does not apply to the provider now shown falls back to its first.
    expect(saveEndpointInput({ ...form, secretMode: 'generate' }, stripe, actor).secret).toEqual({ kind: 'given', value: 'whsec_pasted1234' });
    expect(saveEndpointInput({ ...form, secretMode: 'keep' }, stripe, actor)).not.toHaveProperty('secret');
    expect(saveEndpointInput({ ...newEndpointForm('wf', 'none'), slug: 'open', allowUnsigned: true }, none, actor)).toMatchObject({ allowUnsigned: true });
  });
});
