/**
 * Each connector through its official SDK against the sandbox fakes: actions, classification, reconciliation
 * after a lost answer, and what the recording transport hands to the ledger — for each connector, what the fake
 * received and answered is what the ledger holds, byte for byte once the redaction rules are applied.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type LoggedRequest, type Sandbox } from '../sandbox';
import { recordedLedger, type RecordedExchangeRow } from '../test-support/recorded-ledger';
import { createAsanaConnector } from './asana';
import type { ActionContext, Connector } from './connector';
import type { StepFailure } from './failure';
import { createGoogleDriveConnector } from './google-drive';
import type { ExchangeSink, HttpExchange } from './recording';
import { callOrigin } from './recording';
import { createSlackConnector } from './slack';
import { createStripeConnector } from './stripe';

let sandbox: Sandbox;
const exchanges: HttpExchange[] = [];
const ledger = recordedLedger();
const sink: ExchangeSink = {
  record: (e) => {
    exchanges.push(e);
    ledger.sink.record(e);
  },
};
let stripe: Connector;
let asana: Connector;
let slack: Connector;
let drive: Connector;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
  const settings = (id: keyof Sandbox['providers']) => ({
    apiBase: sandbox.providers[id].apiBase, credential: async () => sandbox.providers[id].credential, sink,
  });
  stripe = createStripeConnector(settings('stripe'));
  asana = createAsanaConnector(settings('asana'));
  slack = createSlackConnector(settings('slack'));
  drive = createGoogleDriveConnector(settings('drive'));
  // As providers.ts does for the credentials in use: the recorder scrubs them wherever they appear.
  for (const id of ['stripe', 'asana', 'slack', 'drive'] as const) ledger.remember(sandbox.providers[id].credential);
});
afterAll(async () => {
  await sandbox.close();
  ledger.cleanup();
});
beforeEach(() => {
  exchanges.length = 0;
  for (const fake of [sandbox.stripe.fake, sandbox.asana.fake, sandbox.slack.fake, sandbox.drive.fake]) fake.clearFaults();
});

let n = 0;
function ctx(overrides: Partial<ActionContext> = {}): ActionContext {
  n++;
  return { runId: `run-${n}`, stepId: 'step', attemptId: `att-${n}`, attemptNumber: 1, idempotencyKey: `keel-run-${n}-step-g0`,
    priorOutcomeUnknown: false, signal: new AbortController().signal, ...overrides };
}

async function failureOf(connector: Connector, action: string, c: ActionContext, input: unknown): Promise<StepFailure> {
  try {
    await connector.actions[action]!.run(c, connector.actions[action]!.input.parse(input));
  } catch (error) {
    return connector.classify(error);
  }
  throw new Error('the call succeeded');
}

const customer = { name: 'Northwind Traders', email: 'nancy@northwind.example', metadata: { contract_id: 'C-1' } };

describe('Stripe connector', () => {
  it('creates a customer once per idempotency key, however often the attempt is re-sent', async () => {
    const c = ctx();
    const before = sandbox.stripe.fake.created().customer ?? 0;
    const first = await stripe.actions.createCustomer!.run(c, customer);
    const again = await stripe.actions.createCustomer!.run({ ...c, attemptNumber: 2 }, customer);
    expect(again).toEqual(first);
    expect((sandbox.stripe.fake.created().customer ?? 0) - before).toBe(1);
    expect(sandbox.stripe.fake.requests({ method: 'POST', path: '/v1/customers' }).at(-1)!.headers['idempotency-key']).toBe(c.idempotencyKey);
  });

  it('classifies 429 as retryable with the provider\'s Retry-After, and 400 as permanent', async () => {
    sandbox.stripe.fake.inject({ path: '/v1/customers' }, { status: 429, retryAfterSeconds: 7 });
    expect(await failureOf(stripe, 'createCustomer', ctx(), customer)).toMatchObject({ kind: 'retryable', retryAfterMs: 7000, status: 429 });
    sandbox.stripe.fake.inject({ path: '/v1/customers' }, { status: 400, message: 'Invalid email' });
    expect(await failureOf(stripe, 'createCustomer', ctx(), customer)).toMatchObject({ kind: 'permanent', status: 400 });
  });

  it('names a reused key with changed input as a permanent idempotency error', async () => {
    const c = ctx();
    await stripe.actions.createCustomer!.run(c, customer);
    const failure = await failureOf(stripe, 'createCustomer', c, { ...customer, name: 'Changed Name' });
    expect(failure).toMatchObject({ kind: 'permanent', code: 'idempotency_error' });
  });

  it('records each exchange at the wire, as the fake received it, with the attempt it belongs to', async () => {
    const c = ctx();
    await callOrigin.run({ runId: c.runId, stepId: c.stepId, attemptId: c.attemptId, idempotencyKey: c.idempotencyKey }, () =>
      stripe.actions.createCustomer!.run(c, customer));
    const received = sandbox.stripe.fake.requests({ method: 'POST', path: '/v1/customers' }).at(-1)!;
    const recorded = exchanges.find((e) => e.request.method === 'POST')!;
    expect(recorded.origin).toMatchObject({ runId: c.runId, attemptId: c.attemptId });
    expect(recorded.request.body.toString()).toBe(received.body);
    expect(recorded.request.url).toContain('/v1/customers');
    expect(recorded.response!.status).toBe(200);
    expect(JSON.parse(recorded.response!.body.toString()).id).toMatch(/^cus_/);
  });
});

describe('Asana connector', () => {
  const project = { name: 'Northwind onboarding (C-2)', workspace: '1200000000000001' };

  it('after a lost answer, adopts the project the earlier attempt created instead of making a second', async () => {
    sandbox.asana.fake.inject({ method: 'POST', path: '/api/1.0/projects' }, { kind: 'reset-after' });
    const c = ctx();
    const failure = await failureOf(asana, 'createProject', c, project);
    expect(failure).toMatchObject({ kind: 'retryable', outcomeUnknown: true });
    const adopted = await asana.actions.createProject!.reconcile!({ ...c, priorOutcomeUnknown: true }, project);
    expect(adopted).toMatchObject({ name: project.name });
    expect(sandbox.asana.fake.createdObjects<{ name: string }>('project').filter((p) => p.name === project.name)).toHaveLength(1);
  });

  it('classifies 429 with Retry-After and 401 as a credential problem', async () => {
    sandbox.asana.fake.inject({ path: '/api/1.0/projects' }, { status: 429, retryAfterSeconds: 3 });
    expect(await failureOf(asana, 'createProject', ctx(), project)).toMatchObject({ kind: 'retryable', retryAfterMs: 3000 });
    sandbox.asana.fake.inject({ path: '/api/1.0/projects' }, { status: 401 });
    expect(await failureOf(asana, 'createProject', ctx(), project)).toMatchObject({ kind: 'permanent', status: 401 });
  });
});

describe('Slack connector', () => {
  it('adopts an existing channel when the name is taken', async () => {
    const first = await slack.actions.createChannel!.run(ctx(), { name: 'client-c-3', private: false });
    const second = await slack.actions.createChannel!.run(ctx(), { name: 'client-c-3', private: false });
    expect(second).toMatchObject({ id: first.id, adopted: true });
    expect(sandbox.slack.fake.createdObjects<{ name: string }>('channel').filter((c) => c.name === 'client-c-3')).toHaveLength(1);
  });

  it('finds a welcome message whose answer was lost instead of posting it twice', async () => {
    const channel = await slack.actions.createChannel!.run(ctx(), { name: 'client-c-4', private: false });
    const c = ctx();
    sandbox.slack.fake.inject({ path: '/api/chat.postMessage' }, { kind: 'reset-after' });
    expect(await failureOf(slack, 'postMessage', c, { channel: channel.id, text: 'Welcome!' })).toMatchObject({ kind: 'retryable', outcomeUnknown: true });
    const adopted = await slack.actions.postMessage!.reconcile!({ ...c, priorOutcomeUnknown: true }, { channel: channel.id, text: 'Welcome!' });
    expect(adopted).toMatchObject({ channel: channel.id, ts: expect.any(String) });
    expect(await slack.actions.postMessage!.reconcile!(ctx({ priorOutcomeUnknown: true }), { channel: channel.id, text: 'Welcome!' })).toBeUndefined();
  });

  it('classifies rate limiting with Retry-After and platform errors as permanent', async () => {
    sandbox.slack.fake.inject({ path: '/api/conversations.create' }, { status: 429, retryAfterSeconds: 2 });
    expect(await failureOf(slack, 'createChannel', ctx(), { name: 'client-c-5' })).toMatchObject({ kind: 'retryable', retryAfterMs: 2000 });
    sandbox.slack.fake.inject({ path: '/api/conversations.create' }, { kind: 'platform-error', error: 'restricted_action' });
    expect(await failureOf(slack, 'createChannel', ctx(), { name: 'client-c-5' })).toMatchObject({ kind: 'permanent', code: 'restricted_action' });
  });
});

describe('Google Drive connector', () => {
  it('tags folders with their run and step, and finds one whose answer was lost', async () => {
    sandbox.drive.fake.inject({ method: 'POST', path: '/drive/v3/files' }, { kind: 'reset-after' });
    const c = ctx();
    expect(await failureOf(drive, 'createFolder', c, { name: 'Northwind (C-6)' })).toMatchObject({ kind: 'retryable', outcomeUnknown: true });
    const adopted = await drive.actions.createFolder!.reconcile!({ ...c, priorOutcomeUnknown: true }, { name: 'Northwind (C-6)' });
    expect(adopted).toMatchObject({ name: 'Northwind (C-6)' });
    expect(sandbox.drive.fake.createdObjects<{ name: string }>('folder').filter((f) => f.name === 'Northwind (C-6)')).toHaveLength(1);
  });

  it('treats Drive\'s 403 rate-limit reasons as retryable, and a plain 403 as permanent', async () => {
    sandbox.drive.fake.inject({ path: '/drive/v3/files' }, { kind: 'rate-limit-403', reason: 'userRateLimitExceeded' });
    expect(await failureOf(drive, 'createFolder', ctx(), { name: 'x' })).toMatchObject({ kind: 'retryable', code: 'userRateLimitExceeded' });
    sandbox.drive.fake.inject({ path: '/drive/v3/files' }, { status: 403 });
    expect(await failureOf(drive, 'createFolder', ctx(), { name: 'x' })).toMatchObject({ kind: 'permanent', status: 403 });
  });

  it('checks the connection with one harmless call', async () => {
    expect(await drive.testConnection()).toMatchObject({ ok: true });
    expect(await stripe.testConnection()).toMatchObject({ ok: true });
    expect(await slack.testConnection()).toMatchObject({ ok: true });
    expect(await asana.testConnection()).toMatchObject({ ok: true });
  });

  it('says which is wrong when a check fails: the credential, or reaching the provider at all', async () => {
    const makers = { stripe: createStripeConnector, asana: createAsanaConnector, slack: createSlackConnector, drive: createGoogleDriveConnector };
    const wrong = { stripe: 'sk_test_not_the_sandbox_key_0000', asana: '2/0000/not-the-sandbox-token', slack: 'xoxb-not-the-sandbox-token', drive: 'ya29.not-a-token-google-issued' };
    for (const id of ['stripe', 'asana', 'slack', 'drive'] as const) {
      const refused = makers[id]({ apiBase: sandbox.providers[id].apiBase, credential: async () => wrong[id], sink });
      expect(await refused.testConnection(), id).toMatchObject({ ok: false, problem: 'bad_credential' });
      // Port 9 (discard) on loopback: nothing listens, the connection is refused.
      const base = sandbox.providers[id].apiBase.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:9');
      const unreachable = makers[id]({ apiBase: base, credential: async () => sandbox.providers[id].credential, sink });
      expect(await unreachable.testConnection(), id).toMatchObject({ ok: false, problem: 'unreachable' });
    }
  });
});

describe('more actions', () => {
  it('Stripe: an invoice item and an invoice for a customer, each once per key', async () => {
    const c = ctx();
    const cust = await stripe.actions.createCustomer!.run(c, customer);
    const item = await stripe.actions.createInvoiceItem!.run(ctx(), stripe.actions.createInvoiceItem!.input.parse({ customer: cust.id, amount: 49900, currency: 'USD', description: 'Onboarding fee' }));
    expect(item).toMatchObject({ id: expect.stringMatching(/^ii_/), amount: 49900, currency: 'usd' });
    const k = ctx();
    const input = stripe.actions.createInvoice!.input.parse({ customer: cust.id });
    const invoice = await stripe.actions.createInvoice!.run(k, input);
    expect(await stripe.actions.createInvoice!.run(k, input)).toEqual(invoice);
    expect(invoice).toMatchObject({ id: expect.stringMatching(/^in_/), amountDue: 49900 });
  });

  it('Asana: a project from a template, a task found again after a lost answer, members added twice harmlessly', async () => {
    const { templateGid, workspaceGid } = sandbox.asana;
    const made = await asana.actions.createProjectFromTemplate!.run(ctx(), { template: templateGid, name: 'Northwind onboarding (C-T1)', workspace: workspaceGid });
    expect(made).toMatchObject({ gid: expect.any(String), name: 'Northwind onboarding (C-T1)' });

    sandbox.asana.fake.inject({ method: 'POST', path: '/api/1.0/tasks' }, { kind: 'reset-after' });
    const c = ctx();
    const task = { project: made.gid, name: 'Kick-off call with Northwind' };
    expect(await failureOf(asana, 'addTask', c, task)).toMatchObject({ kind: 'retryable', outcomeUnknown: true });
    expect(await asana.actions.addTask!.reconcile!({ ...c, priorOutcomeUnknown: true }, task)).toMatchObject({ name: task.name });

    const members = { project: made.gid, emails: ['nancy@northwind.example'] };
    await asana.actions.addMembers!.run(ctx(), members);
    expect(await asana.actions.addMembers!.run(ctx(), members)).toEqual({ project: made.gid, members: members.emails });
  });
});

describe('what each fake received is what the ledger holds', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  /** Runs `act`, then pairs the exchanges the ledger gained with the requests the fakes logged meanwhile, in order. */
  async function recorded(connector: string, fakes: { requests(): LoggedRequest[] }[], act: () => Promise<unknown>): Promise<[RecordedExchangeRow, LoggedRequest][]> {
    const before = ledger.exchanges(connector).length;
    const seen = fakes.map((f) => f.requests().length);
    await act();
    const rows = ledger.exchanges(connector).slice(before);
    const received = fakes.flatMap((f, i) => f.requests().slice(seen[i])).sort((a, b) => a.time - b.time);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(received.length);
    return rows.map((row, i) => [row, received[i]!]);
  }

  function expectSame(row: RecordedExchangeRow, got: LoggedRequest): void {
    const url = new URL(row.request.url);
    expect([row.request.method, url.pathname, url.search.replace(/^\?/, '')]).toEqual([got.method, got.path, ledger.redact(got.rawQuery)]);
    expect(row.request.body).toEqual({ text: ledger.redact(got.body), encoding: 'utf8', bytes: Buffer.byteLength(got.body), sha256: sha256(got.body), truncated: false });
    const auth = got.headers.authorization;
    expect(row.request.headers.authorization).toBe(auth === undefined ? undefined : ledger.redactHeaders({ authorization: auth }).authorization);
    expect(row.response?.status).toBe(got.status);
    expect(row.response?.body.text).toBe(ledger.redact(got.responseBody ?? ''));
    expect(row.response?.body.sha256).toBe(sha256(got.responseBody ?? ''));
  }

  it('Asana', async () => {
    const pairs = await recorded('asana', [sandbox.asana.fake], () => asana.actions.createProject!.run(ctx(), { name: 'Northwind onboarding (C-L1)', workspace: sandbox.asana.workspaceGid }));
    for (const [row, got] of pairs) expectSame(row, got);
    expect(pairs.some(([row]) => row.request.method === 'POST' && row.request.body.text.includes('Northwind onboarding (C-L1)'))).toBe(true);
    expect(JSON.stringify(pairs.map(([row]) => row))).not.toContain(sandbox.asana.token);
  });

  it('Slack', async () => {
    const pairs = await recorded('slack', [sandbox.slack.fake], () => slack.actions.createChannel!.run(ctx(), { name: 'client-c-l2', private: false }));
    for (const [row, got] of pairs) expectSame(row, got);
    expect(pairs.some(([row]) => row.request.url.endsWith('/conversations.create') && row.request.body.text.includes('client-c-l2'))).toBe(true);
    expect(JSON.stringify(pairs.map(([row]) => row))).not.toContain(sandbox.slack.token);
  });

  it('Google Drive, with a pasted access token', async () => {
    const pairs = await recorded('googleDrive', [sandbox.drive.fake], () => drive.actions.createFolder!.run(ctx(), { name: 'Northwind (C-L3)' }));
    for (const [row, got] of pairs) expectSame(row, got);
    expect(pairs[0]![0].request.headers.authorization).toMatch(/^Bearer \[redacted:[0-9a-f]{8}\]$/);
  });

  it('Google Drive, with a service-account key: the token request and answer too, their secrets redacted', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const clientEmail = 'keel-ledger@acme-ops.iam.gserviceaccount.com';
    sandbox.googleOAuth.fake.registerServiceAccount({ clientEmail, publicKey: keys.publicKey });
    const key = JSON.stringify({ type: 'service_account', private_key: keys.privateKey, client_email: clientEmail });
    ledger.remember(keys.privateKey);
    const robot = createGoogleDriveConnector({ apiBase: sandbox.drive.rootUrl, credential: async () => key, sink, oauth: sandbox.oauth.drive! });
    const pairs = await recorded('googleDrive', [sandbox.googleOAuth.fake, sandbox.drive.fake], () => robot.actions.createFolder!.run(ctx(), { name: 'Northwind (C-L4)' }));
    expect(pairs.map(([, got]) => got.path)).toEqual(['/token', '/drive/v3/files']);
    for (const [row, got] of pairs) expectSame(row, got);
    const [token] = pairs[0]!;
    const assertion = new URLSearchParams(pairs[0]![1].body).get('assertion')!;
    const accessToken = (JSON.parse(pairs[0]![1].responseBody!) as { access_token: string }).access_token;
    expect(token.request.body.text).toContain('assertion=[redacted:');
    expect(token.response!.body.text).toContain('"access_token":"[redacted:');
    const kept = JSON.stringify(pairs.map(([row]) => row));
    expect(kept).not.toContain(assertion);
    expect(kept).not.toContain(accessToken);
  });
});
