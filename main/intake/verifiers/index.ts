import { githubVerifier } from './github';
import { noVerifier } from './none';
import { slackVerifier } from './slack';
import { standardWebhooksVerifier } from './standard-webhooks';
import { stripeVerifier } from './stripe';
import type { Verifier } from './verifier';

export type { InboundRequest, Verdict, Verifier } from './verifier';

const verifiers = new Map<string, Verifier>([stripeVerifier, standardWebhooksVerifier, slackVerifier, githubVerifier, noVerifier].map((v) => [v.provider, v]));

export function verifierFor(provider: string): Verifier | undefined {
  return verifiers.get(provider);
}

export function verifierNames(): string[] {
  return [...verifiers.keys()];
}
