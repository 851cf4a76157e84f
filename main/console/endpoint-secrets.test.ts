/** Rotating an endpoint's signing secret without downtime: both secrets are accepted during the overlap. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointView } from '../../preload/api';
import { startKeel, type Keel } from '../core/keel';
import { silentLogger } from '../core/logger';
import { signStandardWebhook } from '../intake/verifiers/standard-webhooks';
import { MemoryVault } from '../test-support/memory-vault';
import { dispatch } from './dispatch';

const OLD = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NEW = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const actor = { who: 'Dana', why: 'yearly rotation' };
let keel: Keel;
let dir: string;
const vault = new MemoryVault();
const call = async <T>(name: string, input: unknown): Promise<T> => {
  const result = await dispatch(keel.handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

async function deliver(secret: string, n: number): Promise<number> {
  const body = JSON.stringify({ type: 'contract.signed', data: { contract_id: `C-ROT-${n}`, plan: 'standard', client: { company: 'Rota Ltd', contact_name: 'R', email: 'r@rota.example' } } });
  const id = `msg_rotation_${n}`;
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${keel.info.intakeUrl}contracts`, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhook(secret, id, ts, body) },
  });
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-rotation-'));
  await vault.set('endpoint.contracts.signing', OLD);
  keel = await startKeel({ dataDir: dir, shell: 'headless', logger: silentLogger, vault, env: { KEEL_SANDBOX_LATENCY_MS: '0' } });
});
afterAll(async () => {
  await keel.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('signing secret rotation', () => {
  it('accepts the old and the new secret during the overlap, then only the new one', async () => {
    expect(await deliver(OLD, 1)).toBe(200);
    const during = await call<EndpointView>('addEndpointSecret', { slug: 'contracts', value: NEW, actor });
    expect(during.secrets.map((s) => s.lastFour)).toEqual([OLD.slice(-4), NEW.slice(-4)]);
    expect(await deliver(OLD, 2)).toBe(200);
    expect(await deliver(NEW, 3)).toBe(200);

    const after = await call<EndpointView>('retireEndpointSecret', { slug: 'contracts', name: 'endpoint.contracts.signing', actor });
    expect(after.secrets).toHaveLength(1);
    expect(await deliver(OLD, 4)).toBe(401);
    expect(await deliver(NEW, 5)).toBe(200);
    expect(vault.values.has('endpoint.contracts.signing')).toBe(false);
  });

  it('will not retire the last secret of a signed endpoint', async () => {
    const [endpoint] = await call<EndpointView[]>('listEndpoints', {});
    const result = await dispatch(keel.handlers, 'retireEndpointSecret', { slug: 'contracts', name: endpoint!.secrets[0]!.name, actor });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('generates a Standard Webhooks secret when none is given, and records each change with who and why', async () => {
    const view = await call<EndpointView>('addEndpointSecret', { slug: 'contracts', actor });
    const generated = vault.values.get(view.secrets.at(-1)!.name)!;
    expect(generated).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const changes = keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'config.changed' AND endpoint_slug = 'contracts'").all() as { payload: string }[];
    expect(changes.map((c) => JSON.parse(c.payload)).filter((p) => p.who === 'Dana')).toHaveLength(3);
    expect(changes.some((c) => c.payload.includes(NEW) || c.payload.includes(generated))).toBe(false);
  });

  it('will not make up a secret for a provider that issues its own, and names where to find it', async () => {
    await vault.set('endpoint.payments.signing', 'whsec_from_the_stripe_dashboard_0000');
    keel.endpoints.save({ slug: 'payments', workflowId: 'client-onboarding', verifier: { provider: 'stripe' }, secretRefs: ['endpoint.payments.signing'], enabled: true });
    const refused = await dispatch(keel.handlers, 'addEndpointSecret', { slug: 'payments', actor });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Stripe makes its own signing secret.*paste it/) } });
    expect(keel.endpoints.get('payments')!.secretRefs).toEqual(['endpoint.payments.signing']);
  });
});
