/**
 * A verifier decides whether a delivery really comes from its provider. Each is a pure function of the
 * request, the endpoint's secrets (several during a rotation), an explicit `now` and the endpoint's verifier
 * settings, so published vectors with old timestamps can be checked with a fixed clock.
 */
export interface InboundRequest {
  method: string;
  /** Path and query as received, e.g. `/hooks/contracts?x=1`. */
  url: string;
  /**
   * The full URL the provider called (`https://abc.ngrok.app/hooks/contracts?x=1`), when the intake knows it.
   * Schemes that sign the URL (HubSpot, a generic template with `{url}`) need it; behind a tunnel the local
   * listener cannot see the scheme or public host on its own.
   */
  publicUrl?: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export type Verdict =
  | {
      ok: true;
      /** The provider's id for this delivery (dedup key), when the scheme has one; null means no dedup. */
      deliveryId: string | null;
    }
  | { ok: false; reason: string };

/**
 * An endpoint's verifier settings exactly as stored in `endpoints.verifier`: the provider name plus any
 * non-secret options the scheme needs (the generic `hmac` header and template, HubSpot's public URL, ...).
 * Never a secret: secrets come from the vault, by reference.
 */
export interface VerifierSettings {
  provider: string;
  [option: string]: unknown;
}

export interface Verifier {
  /** Lower-case, hyphenated provider name: `stripe`, `standard-webhooks`, ... */
  provider: string;
  /** False only for `none`: the console shows such endpoints as unsafe. */
  authenticates: boolean;
  /** Media types the provider sends; anything else is refused with 415. */
  contentTypes: string[];
  /**
   * Never throws, whatever the request holds. `settings` is the endpoint's stored verifier object; verifiers
   * that need no options ignore it, so callers written before it existed keep working.
   */
  verify(request: InboundRequest, secrets: string[], nowSeconds: number, settings?: VerifierSettings): Verdict;
  /** What is wrong with an endpoint's settings for this verifier, in words; null when they are usable. */
  settingsProblem?(settings: VerifierSettings): string | null;
  /**
   * The trigger payload of a verified body, for schemes whose body is not plain JSON or a plain form (Dropbox
   * Sign's event arrives inside a `json` form field). Throws when the body is malformed: the intake answers 400.
   */
  payload?(request: InboundRequest): unknown;
}

/** Default tolerance for schemes that sign a timestamp: five minutes either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function staleReason(timestamp: number, nowSeconds: number, tolerance = DEFAULT_TOLERANCE_SECONDS): string | null {
  if (!Number.isFinite(timestamp)) return 'the signed timestamp is not a number';
  const skew = nowSeconds - timestamp;
  if (Math.abs(skew) <= tolerance) return null;
  const direction = skew > 0 ? 'old' : 'in the future';
  return `the signed timestamp is ${Math.abs(Math.round(skew))} s ${direction} (tolerance ${tolerance} s): check the sender's clock, or this is a replay`;
}

/** A header timestamp as a number, refusing the forms `Number()` would wrongly accept (`''`, `0x10`, `1e3`). */
export function parseTimestamp(text: string | undefined): number {
  return text !== undefined && /^\d{1,16}$/.test(text.trim()) ? Number(text.trim()) : NaN;
}
