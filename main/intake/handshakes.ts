/**
 * Provider handshakes: requests answered in a provider's own way that start nothing, and the exact answer
 * some providers need on every accepted delivery. The intake records each handshake; this file only decides.
 *
 * - Asana proves an endpoint wants its webhook by POSTing `X-Hook-Secret` and expecting it echoed back; that
 *   secret then signs every delivery (`X-Hook-Signature`, verified by the generic `hmac` verifier). Anyone can
 *   send that header, so it is taken only by an endpoint whose settings ask for it (`hookSecret: true`) and
 *   that has no signing secret yet; otherwise a stranger could choose the secret that authenticates runs.
 *   Until Asana's own handshake arrives, a stranger who knows the URL could still get there first; so an
 *   endpoint can also bound when it expects the handshake (`hookSecretUntil`, epoch ms), set when Keel (or the
 *   user) creates the Asana webhook. Asana's handshake then fails visibly if someone else was first.
 * - Slack sends `url_verification` when a Request URL is saved: answer its challenge after the signature
 *   checks out (docs.slack.dev, url_verification event).
 * - Dropbox Sign needs the body `Hello API Event Received` on every delivery it should stop retrying, and
 *   sends `callback_test` events when a callback URL is set (developers.hellosign.com, Events walkthrough).
 */
import type { VerifierSettings } from './verifiers';
import { valueAt } from './verifiers/body-fields';

export interface Reply {
  status: number;
  /** JSON for objects; text/plain for strings. */
  body: Record<string, unknown> | string;
  headers?: Record<string, string>;
}

/**
 * Stores a secret a provider handed over in a handshake as the endpoint's signing secret (for example in the
 * vault, added to the endpoint's secret references). Throws when it cannot be stored: the handshake is then
 * answered 503 and the provider's webhook creation fails visibly instead of half-succeeding.
 */
export type HookSecretSink = (endpointSlug: string, secret: string) => Promise<void>;

export type HookSecretDecision =
  | { kind: 'none' }
  | { kind: 'accept'; secret: string; reply: Reply }
  | { kind: 'refuse'; status: number; reason: string };

/** Asana's secrets are 64 hex characters; anything printable up to 512 is taken, nothing else. */
const PLAUSIBLE_SECRET = /^[\x21-\x7e]{16,512}$/;

export function hookSecretHandshake(
  headers: Record<string, string | undefined>, settings: VerifierSettings, state: { hasSecret: boolean; canStore: boolean; nowMs: number },
): HookSecretDecision {
  const secret = headers['x-hook-secret']?.trim();
  if (secret === undefined) return { kind: 'none' };
  if (settings.hookSecret !== true) {
    return { kind: 'refuse', status: 401, reason: 'this endpoint does not take its secret from an X-Hook-Secret handshake (for Asana, use the hmac verifier with hookSecret turned on)' };
  }
  if (!PLAUSIBLE_SECRET.test(secret)) return { kind: 'refuse', status: 400, reason: 'the X-Hook-Secret header is not a plausible secret (16 to 512 visible characters)' };
  if (typeof settings.hookSecretUntil === 'number' && state.nowMs > settings.hookSecretUntil) {
    return { kind: 'refuse', status: 403, reason: 'the time allowed for this endpoint\'s X-Hook-Secret handshake has passed; allow it again in Endpoints, then create the webhook' };
  }
  if (state.hasSecret) {
    return { kind: 'refuse', status: 409, reason: 'this endpoint already has a signing secret from an earlier handshake; remove it in Endpoints to accept a new one' };
  }
  if (!state.canStore) return { kind: 'refuse', status: 503, reason: 'Keel cannot store handshake secrets on this machine yet, so it cannot confirm the webhook' };
  return { kind: 'accept', secret, reply: { status: 200, body: { received: true, handshake: 'x-hook-secret' }, headers: { 'x-hook-secret': secret } } };
}

export const DROPBOX_SIGN_ACKNOWLEDGEMENT = 'Hello API Event Received';

/** A verified request that is a handshake, not work: what to answer and how to record it. */
export interface VerifiedHandshake {
  kind: 'slack.url_verification' | 'dropbox-sign.callback_test';
  reply: Reply;
  /** Why it started nothing, in the words the console shows. */
  reason: string;
}

export function verifiedHandshake(provider: string, payload: unknown): VerifiedHandshake | null {
  if (provider === 'slack' && valueAt(payload, 'type') === 'url_verification') {
    const challenge = valueAt(payload, 'challenge');
    if (typeof challenge !== 'string') return null;
    return { kind: 'slack.url_verification', reply: { status: 200, body: { challenge } }, reason: "handshake: answered Slack's url_verification challenge; nothing started" };
  }
  if (provider === 'dropbox-sign' && valueAt(payload, 'event.event_type') === 'callback_test') {
    return { kind: 'dropbox-sign.callback_test', reply: acknowledgement(provider)!, reason: "handshake: answered Dropbox Sign's callback_test; nothing started" };
  }
  return null;
}

/** The answer a provider needs for an accepted (or duplicate) delivery, when JSON will not do. */
export function acknowledgement(provider: string): Reply | null {
  return provider === 'dropbox-sign' ? { status: 200, body: DROPBOX_SIGN_ACKNOWLEDGEMENT } : null;
}
