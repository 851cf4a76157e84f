/**
 * `keel demo send-contract`: posts signed sample contracts to the running Keel of a data folder. Through the
 * console API when the headless shell runs (it holds the signing secret, even one kept only in memory);
 * otherwise signed here with the secret from the keychain.
 */
import { readInstance } from '../core/instance';
import { sendSampleContracts } from '../core/demo-contracts';
import { KeychainVault } from '../vault/vault';
import type { DemoContractsSent, Result } from '../../preload/api';
import { integerOption, UsageError, type Command } from './command';

export async function sendDemoContracts(dataDir: string, count: number, plan: string | undefined, email?: string): Promise<DemoContractsSent['deliveries']> {
  const instance = readInstance(dataDir);
  if (!instance || !instance.intakeUrl) {
    throw new Error(`Keel is not running on ${dataDir}. Start it first (npm start, or keel serve --data-dir "${dataDir}").`);
  }
  if (instance.consoleUrl) {
    const url = new URL(instance.consoleUrl);
    const token = url.searchParams.get('token') ?? '';
    const response = await fetch(new URL('/api/call/sendDemoContracts', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ count, ...(plan && { plan }), ...(email && { email }) }),
    });
    if (response.status !== 200) throw new Error(`The running Keel refused the request (HTTP ${response.status}): ${await response.text()}`);
    const result = (await response.json()) as Result<DemoContractsSent>;
    if (!result.ok) throw new Error(result.error.message);
    return result.value.deliveries;
  }
  const secret = await new KeychainVault().get('endpoint.contracts.signing');
  if (!secret) throw new Error('The "contracts" endpoint has no signing secret in the keychain; open Endpoints in the console to set one.');
  return sendSampleContracts({ endpointUrl: `${instance.intakeUrl}contracts`, secret, count, ...(plan && { plan }), ...(email && { email }) });
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'demo send-contract: post signed sample contract webhooks to the running Keel',
  usage: ['send-contract         the only demo there is', '--count N             how many (default 1)', '--plan P              standard | enterprise (default: alternate)',
    '--email E             the client email on the contract (e.g. a mistyped one, to see a run needing attention)'],
  options: { count: { type: 'string' }, plan: { type: 'string' }, email: { type: 'string' } },
  async run({ dataDir, options, args, print }) {
    if (args[0] !== 'send-contract') throw new UsageError('Try: keel demo send-contract [--count N] [--plan standard|enterprise]');
    const plan = typeof options.plan === 'string' ? options.plan : undefined;
    const email = typeof options.email === 'string' ? options.email : undefined;
    const deliveries = await sendDemoContracts(dataDir, integerOption(options.count, 'count', 1, 1), plan, email);
    for (const d of deliveries) {
      print(`${d.status >= 200 && d.status < 300 ? 'Accepted' : 'Refused'}: contract ${d.contractId} (HTTP ${d.status})`);
    }
    return deliveries.every((d) => d.status >= 200 && d.status < 300) ? 0 : 1;
  },
};
