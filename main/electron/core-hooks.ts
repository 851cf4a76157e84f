/**
 * What the desktop shell can show and control beyond today's `Keel`: pausing the webhook intake, and the
 * tunnel's state. Both are optional: the tray offers "Pause intake" only when `intake` is given, and shows a
 * tunnel line only when `tunnel` is and a tunnel is configured. `main/index.ts` passes both.
 */

/**
 * Pausing the intake. While paused, the intake must still answer (503 with Retry-After) so senders keep the
 * delivery and retry later: nothing is accepted, and nothing is lost.
 */
export interface IntakeSwitch {
  readonly paused: boolean;
  pause(): Promise<void> | void;
  resume(): Promise<void> | void;
}

export interface TunnelState {
  up: boolean;
  /** The public URL providers post to, when up. */
  publicUrl: string | null;
}

export interface TunnelWatch {
  /** Null while no tunnel is configured: the intake is then reachable from this machine only. */
  current(): TunnelState | null;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  watch(listener: (state: TunnelState | null) => void): () => void;
}

export interface ShellHooks {
  intake?: IntakeSwitch;
  tunnel?: TunnelWatch;
}
