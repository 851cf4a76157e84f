/**
 * A verifier decides whether a delivery really comes from its provider. Each is a pure function of the
 * request, the endpoint's secrets (several during a rotation) and an explicit `now`, so published vectors
 * with old timestamps can be checked with a fixed clock.
 */
export interface InboundRequest {
  method: string;
  /** Path and query as received, e.g. `/hooks/contracts?x=1`. */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export type Verdict =
  | {
      ok: true;
      /** The provider's id for this delivery (dedup key), when the scheme has one. */
      deliveryId: string | null;
    }
  | { ok: false; reason: string };

export interface Verifier {
  /** Lower-case, hyphenated provider name: `stripe`, `standard-webhooks`, ... */
  provider: string;
  /** False only for `none`: the console shows such endpoints as unsafe. */
  authenticates: boolean;
  /** Media types the provider sends; anything else is refused with 415. */
  contentTypes: string[];
  verify(request: InboundRequest, secrets: string[], nowSeconds: number): Verdict;
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
