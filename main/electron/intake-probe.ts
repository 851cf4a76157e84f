/**
 * Whether the webhook intake is really answering, for the tray: a GET of its own `/hooks/healthz`, the same
 * check a provider's delivery would depend on. "Up" is observed, not assumed from having started once.
 */

export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<{ status: number; json(): Promise<unknown> }>;

/** True when the intake at `intakeUrl` (ending in `/hooks/`) answers its health check within `timeoutMs`. */
export async function intakeAnswers(intakeUrl: string, fetchFn: FetchLike = fetch, timeoutMs = 2000): Promise<boolean> {
  try {
    const response = await fetchFn(new URL('healthz', intakeUrl).href, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.status !== 200) return false;
    const body = (await response.json()) as { ok?: unknown } | null;
    return body?.ok === true;
  } catch {
    return false; // refused, timed out or not JSON: not answering, which is what the tray shows
  }
}
