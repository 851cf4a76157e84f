/** Every verifier Keel has, by the provider name an endpoint's settings use. */
import { calendlyVerifier } from './calendly';
import { docusignVerifier } from './docusign';
import { dropboxSignVerifier } from './dropbox-sign';
import { genericHmacVerifier } from './generic-hmac';
import { githubVerifier } from './github';
import { hubspotVerifier } from './hubspot';
import { noVerifier } from './none';
import { pandadocVerifier } from './pandadoc';
import { slackVerifier } from './slack';
import { standardWebhooksVerifier } from './standard-webhooks';
import { stripeVerifier } from './stripe';
import { typeformVerifier } from './typeform';
import type { Verifier } from './verifier';

export type { InboundRequest, Verdict, Verifier, VerifierSettings } from './verifier';

const verifiers = new Map<string, Verifier>(
  [
    stripeVerifier, standardWebhooksVerifier, slackVerifier, githubVerifier, docusignVerifier, pandadocVerifier, dropboxSignVerifier,
    hubspotVerifier, typeformVerifier, calendlyVerifier, genericHmacVerifier, noVerifier,
  ].map((v) => [v.provider, v]),
);

export function verifierFor(provider: string): Verifier | undefined {
  return verifiers.get(provider);
}

export function verifierNames(): string[] {
  return [...verifiers.keys()];
}
