/**
 * Catch-up: what was missed while the computer slept. A tunnel cannot buffer while the laptop is closed, and
 * providers give up retrying eventually (Slack within minutes). Where the trigger's provider keeps a list of
 * its events — Stripe's `GET /v1/events`, 30 days deep — Keel asks for everything newer than the last event
 * it fed through and feeds each one, oldest first, through the intake's dedup-checked path. The event is
 * authenticated by the API call (our key, Stripe's TLS) instead of a webhook signature.
 *
 * Exactly once comes from the intake's dedup on the event id, not from the cursor: the cursor only keeps the
 * next request short. So it is safe to deliver an event twice (a crash between deliver and the cursor
 * write), never to skip one. For that reason only catch-up moves the cursor; live webhooks must not, because
 * they arrive out of order and would carry it past an event that is still missing.
 */
import type http from 'node:http';
import Stripe from 'stripe';

export interface CatchUpCursor {
  /** The newest event already fed through; null when only a time is known (no event existed yet). */
  eventId: string | null;
  /** Unix seconds: when that event was created, or from when to look. */
  created: number;
}

/** Where cursors live between runs (SQLite in the app). `set` is called after every delivered event. */
export interface CatchUpCursorStore {
  get(endpointSlug: string): CatchUpCursor | null | Promise<CatchUpCursor | null>;
  set(endpointSlug: string, cursor: CatchUpCursor): void | Promise<void>;
}

export interface CaughtUpEvent {
  endpointSlug: string;
  provider: 'stripe';
  /** The Stripe event id: the same dedup key the webhook delivery of this event carries. */
  deliveryId: string;
  type: string;
  /** Unix seconds. */
  created: number;
  /** The event as JSON, the same object Stripe posts to a webhook endpoint. */
  body: string;
}

/** What the intake made of a caught-up event: a new delivery, or one it already had. */
export type DeliverOutcome = 'accepted' | 'duplicate';

export interface StripeCatchUpOptions {
  stripe: Stripe;
  cursors: CatchUpCursorStore;
  /** Stores the event through the intake's path. A throw stops the run; the next run resumes at that event. */
  deliver: (event: CaughtUpEvent) => Promise<DeliverOutcome>;
  /** Only these event types (Stripe's `types[]`, at most 20): those the endpoint is subscribed to. */
  types?: string[];
  /**
   * Since when (ms) Keel has answered for this endpoint's events: its creation. With no cursor yet, catch-up
   * looks back to then, so events missed between creating an endpoint and the first catch-up are fetched too.
   * Without it the first run only notes where "now" is.
   */
  watchingSince?: (endpointSlug: string) => number | null;
  /** Events per request, 1 to 100. @default 100 */
  pageSize?: number;
  /** ms since the epoch. @default Date.now */
  now?: () => number;
}

export interface CatchUpResult {
  endpointSlug: string;
  /**
   * `baseline`: a first run without `watchingSince` only notes where "now" is; history from before Keel watched
   * is not replayed.
   */
  outcome: 'baseline' | 'caught-up';
  accepted: number;
  duplicates: number;
  cursor: CatchUpCursor | null;
  /** Something the console should say, e.g. that the last event seen has expired and Keel looked by time. */
  note: string | null;
}

/**
 * With no event to anchor on, look back this far: covers a local clock a little ahead of Stripe's. Anything
 * older it brings in that was already delivered is a duplicate, which the intake recognises.
 */
const BASELINE_LOOKBACK_S = 300;

type Tally = Pick<CatchUpResult, 'accepted' | 'duplicates'>;

export class StripeCatchUp {
  private readonly inFlight = new Map<string, Promise<CatchUpResult>>();
  private readonly pageSize: number;
  private readonly now: () => number;

  constructor(private readonly o: StripeCatchUpOptions) {
    this.pageSize = Math.min(100, Math.max(1, o.pageSize ?? 100));
    this.now = o.now ?? Date.now;
  }

  /** Catches up one endpoint. Calls while one is running for the same endpoint share its result. */
  run(endpointSlug: string): Promise<CatchUpResult> {
    const running = this.inFlight.get(endpointSlug);
    if (running) return running;
    const run = this.catchUp(endpointSlug).finally(() => this.inFlight.delete(endpointSlug));
    this.inFlight.set(endpointSlug, run);
    return run;
  }

  private async catchUp(endpointSlug: string): Promise<CatchUpResult> {
    const tally: Tally = { accepted: 0, duplicates: 0 };
    const stored = await this.o.cursors.get(endpointSlug);
    const since = this.o.watchingSince?.(endpointSlug) ?? null;
    const saved = stored ?? (since === null ? null : { eventId: null, created: Math.floor(since / 1000) - BASELINE_LOOKBACK_S });
    if (!saved) {
      const [newest] = (await this.list({ limit: 1 })).data;
      const cursor = newest
        ? { eventId: newest.id, created: newest.created }
        : { eventId: null, created: Math.floor(this.now() / 1000) - BASELINE_LOOKBACK_S };
      await this.o.cursors.set(endpointSlug, cursor);
      return { endpointSlug, outcome: 'baseline', ...tally, cursor, note: null };
    }
    let cursor = saved;
    let note: string | null = null;
    if (cursor.eventId !== null) {
      try {
        cursor = await this.forwardFrom(endpointSlug, cursor, tally);
        return { endpointSlug, outcome: 'caught-up', ...tally, cursor, note };
      } catch (error) {
        if (!isMissingCursor(error)) throw error;
        note = `the last event Keel saw (${cursor.eventId}) is no longer listed by Stripe, so Keel looked for events by time instead`;
      }
    }
    cursor = await this.anchorByTime(endpointSlug, cursor, tally);
    if (cursor.eventId !== null) cursor = await this.forwardFrom(endpointSlug, cursor, tally);
    // A first run that found nothing still keeps where it looked from (each event fed keeps its own).
    if (!stored && cursor.eventId === null) await this.o.cursors.set(endpointSlug, cursor);
    return { endpointSlug, outcome: 'caught-up', ...tally, cursor, note };
  }

  /**
   * Walks towards the present from an event Stripe still lists. `ending_before` returns the page of events
   * just newer than the cursor (newest first), so each page is fed in reverse and the next page ends before
   * its newest event.
   */
  private async forwardFrom(endpointSlug: string, from: CatchUpCursor, tally: Tally): Promise<CatchUpCursor> {
    let cursor = from;
    for (;;) {
      const page = await this.list({ ending_before: cursor.eventId!, limit: this.pageSize });
      for (const event of [...page.data].reverse()) cursor = await this.feed(endpointSlug, event, tally);
      if (!page.has_more || page.data.length === 0) return cursor;
    }
  }

  /**
   * Without a listed event to start from, finds the oldest event created at or after the cursor's time and
   * feeds it; `forwardFrom` takes it from there. Only the oldest is kept, so a month of events costs pages
   * of requests, not memory.
   */
  private async anchorByTime(endpointSlug: string, from: CatchUpCursor, tally: Tally): Promise<CatchUpCursor> {
    let oldest: Stripe.Event | undefined;
    for await (const event of this.list({ created: { gte: from.created }, limit: this.pageSize })) {
      // Filtered here too, so a server that ignores `created` cannot bring in older history.
      if (event.created >= from.created && event.id !== from.eventId) oldest = event;
    }
    if (!oldest) return { eventId: null, created: from.created };
    return this.feed(endpointSlug, oldest, tally);
  }

  private async feed(endpointSlug: string, event: Stripe.Event, tally: Tally): Promise<CatchUpCursor> {
    const outcome = await this.o.deliver({
      endpointSlug, provider: 'stripe', deliveryId: event.id, type: event.type, created: event.created, body: JSON.stringify(event),
    });
    if (outcome === 'accepted') tally.accepted++;
    else tally.duplicates++;
    const cursor = { eventId: event.id, created: event.created };
    await this.o.cursors.set(endpointSlug, cursor);
    return cursor;
  }

  private list(params: Stripe.EventListParams) {
    return this.o.stripe.events.list({ ...params, ...(this.o.types?.length && { types: this.o.types }) });
  }
}

/** Stripe answers 404 `resource_missing` for an `ending_before` it no longer lists (events expire after 30 days). */
function isMissingCursor(error: unknown): boolean {
  const e = error as { statusCode?: unknown; code?: unknown; param?: unknown };
  return e?.statusCode === 404 && e.code === 'resource_missing' && (e.param === undefined || e.param === 'ending_before');
}

/**
 * A Stripe client for catch-up, pointed at a base URL (`https://api.stripe.com`, or a sandbox). Pass the
 * recording agent so these requests land in the ledger like every other exchange. No SDK retries: a failed
 * catch-up is simply run again at the next start or reconnect.
 */
export function stripeEventClient(o: { apiKey: string; apiBase: string; httpAgent?: http.Agent; timeout?: number }): Stripe {
  const url = new URL(o.apiBase);
  return new Stripe(o.apiKey, {
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    maxNetworkRetries: 0,
    timeout: o.timeout ?? 30_000,
    ...(o.httpAgent && { httpAgent: o.httpAgent }),
  });
}

export type CatchUpSupport =
  | { mode: 'event-list'; label: string; detail: string }
  | { mode: 'retries-only'; label: 'retries only'; detail: string };

/** Verifier providers whose sender keeps a list of events Keel can read back. */
const EVENT_LISTS: Record<string, string> = {
  stripe: 'Missed events are fetched from Stripe\'s event list (the last 30 days) when Keel starts and when its tunnel reconnects, once a Stripe API key is set in Connections.',
};

/** What is known about how each sender re-sends, where it matters to a user deciding whether to trust it. */
const RETRY_NOTES: Record<string, string> = {
  github: 'GitHub does not re-send a failed delivery by itself: redeliver it from the webhook\'s Recent Deliveries.',
  slack: 'Slack retries an event three times within a few minutes, then drops it.',
  none: 'Whatever the sender does; nothing here can fetch what was missed.',
};

/** How an endpoint of this verifier provider recovers deliveries missed while Keel was unreachable. */
export function catchUpSupport(provider: string): CatchUpSupport {
  const list = EVENT_LISTS[provider];
  if (list) return { mode: 'event-list', label: 'catches up', detail: list };
  return {
    mode: 'retries-only',
    label: 'retries only',
    detail: RETRY_NOTES[provider] ?? 'Missed deliveries arrive only if the sender retries them while Keel is reachable again.',
  };
}

/** The providers, among these, that are "retries only" (for the console's endpoint list). */
export function retriesOnlyProviders(providers: Iterable<string>): string[] {
  return [...new Set(providers)].filter((p) => catchUpSupport(p).mode === 'retries-only').sort();
}
