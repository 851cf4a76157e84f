/**
 * The intake's pause switch, as the listener sees it. While paused, every `/hooks/...` request is answered
 * 503 with Retry-After before anything is read or stored: the sender still holds the delivery and sends it
 * again later, which is what providers do with a 503. Nothing is recorded, because nothing was received.
 * `/healthz` keeps answering 200 (the listener is up) and says it is paused. Who pauses, why, and keeping the
 * state across restarts is the core's business (main/core/intake-pause.ts).
 */
import type { Reply } from './handshakes';

export interface IntakeGate {
  readonly paused: boolean;
}

/**
 * What Retry-After asks for. Short, so a sender that honours it comes back soon after a resume; a sender that
 * ignores it (Stripe, Slack) follows its own schedule anyway.
 */
export const PAUSED_RETRY_AFTER_SECONDS = 60;

const pausedReply: Reply = {
  status: 503,
  body: { error: 'Keel has paused its webhook intake. Nothing was stored: please send this delivery again later.', paused: true },
  headers: { 'retry-after': String(PAUSED_RETRY_AFTER_SECONDS) },
};

/** The answer to `url` while the gate is paused; null when the request goes through the intake as usual. */
export function pausedAnswer(gate: IntakeGate | undefined, url: string): Reply | null {
  if (!gate?.paused) return null;
  if (url === '/healthz' || url === '/hooks/healthz') return { status: 200, body: { ok: true, paused: true } };
  return url.startsWith('/hooks/') ? pausedReply : null;
}
