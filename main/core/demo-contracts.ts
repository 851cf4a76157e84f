/**
 * Sample "contract signed" webhooks, as an e-signature service sending Standard Webhooks would post them:
 * signed with the endpoint's secret and sent over real HTTP to the intake, so a demo exercises every check a
 * real delivery meets.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { signStandardWebhook } from '../intake/verifiers/standard-webhooks';

const COMPANIES = [
  ['Northwind Traders', 'Nancy Davolio'], ['Contoso Pharmaceuticals', 'Andrew Fuller'], ['Fabrikam Studios', 'Janet Leverling'],
  ['Tailspin Toys', 'Margaret Peacock'], ['Wide World Importers', 'Steven Buchanan'], ['Lucerne Publishing', 'Michael Suyama'],
  ['Proseware Labs', 'Robert King'], ['Adventure Works', 'Laura Callahan'], ['Blue Yonder Airlines', 'Anne Dodsworth'],
  ['Coho Vineyard', 'Ada Lovelace'], ['Graphic Design Institute', 'Grace Hopper'], ['Litware Systems', 'Alan Turing'],
] as const;

export interface SampleContract {
  contractId: string;
  body: string;
}

export function sampleContract(plan: string, now = new Date(), emailOverride?: string): SampleContract {
  const [company, contact] = COMPANIES[randomInt(COMPANIES.length)]!;
  const contractId = `C-${now.getUTCFullYear()}-${randomBytes(3).toString('hex').toUpperCase()}`;
  const domain = company.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const email = `${contact.split(' ')[0]!.toLowerCase()}@${domain}.example`;
  const body = JSON.stringify({
    type: 'contract.signed',
    timestamp: now.toISOString(),
    data: {
      contract_id: contractId,
      plan,
      signed_at: now.toISOString(),
      client: { company, contact_name: contact, email: emailOverride ?? email },
    },
  });
  return { contractId, body };
}

/** Posts `count` signed sample contracts to an endpoint URL; returns how the intake answered each. */
export async function sendSampleContracts(options: {
  endpointUrl: string;
  secret: string;
  count: number;
  plan?: string;
  email?: string;
}): Promise<{ contractId: string; status: number }[]> {
  const results: { contractId: string; status: number }[] = [];
  for (let i = 0; i < options.count; i++) {
    // Without a plan, alternate so a batch shows both branches of the workflow.
    const plan = options.plan ?? (i % 2 === 0 ? 'standard' : 'enterprise');
    const contract = sampleContract(plan, new Date(), options.email);
    const id = `msg_${randomBytes(12).toString('hex')}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(options.endpointUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signStandardWebhook(options.secret, id, timestamp, contract.body),
      },
      body: contract.body,
    });
    await response.arrayBuffer();
    results.push({ contractId: contract.contractId, status: response.status });
  }
  return results;
}
