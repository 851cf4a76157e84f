/** What the app needs from an event source beyond the contract's `on`: link state, and when to resync. */
import type { ConsoleEventSource } from '../../../preload/api';

export type LinkStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveEvents extends ConsoleEventSource {
  /** Current link state now and on every change (drives the header's "Live" / "Reconnecting" indicator). */
  onStatus(listener: (status: LinkStatus) => void): () => void;
  /** Fired each time the stream (re)opens: events may have been missed meanwhile, so lists must be refetched. */
  onResync(listener: () => void): () => void;
  close(): void;
}
