/**
 * Whether the webhook intake is paused: loaded once, then kept current by `intake.changed` (a pause from the
 * tray or another window shows here at once) and reloaded whenever the event stream reopens.
 */
import { create } from 'zustand';
import type { ConsoleError, IntakeStateView } from '../../../preload/api';
import { api, client } from '../keel';

interface IntakeState {
  view: IntakeStateView | undefined;
  error: ConsoleError | null;
  load(): Promise<void>;
  /** A newer state, from an event or from the answer to a pause or resume. */
  show(view: IntakeStateView): void;
}

/** Bumped by every load and every newer state: an answer to an older load must not undo a pause seen since. */
let latest = 0;

export const useIntake = create<IntakeState>()((set) => ({
  view: undefined,
  error: null,
  async load() {
    const request = ++latest;
    const result = await api.getIntakeState({});
    if (request !== latest) return;
    if (result.ok) set({ view: result.value, error: null });
    else set({ error: result.error });
  },
  show(view) {
    latest++;
    set({ view, error: null });
  },
}));

/** Loads the state and follows it; returns the function that stops following. */
export function followIntake(): () => void {
  const { events } = client;
  const stops = [
    events.on('intake.changed', (view) => useIntake.getState().show(view)),
    events.onResync(() => void useIntake.getState().load()),
  ];
  void useIntake.getState().load();
  return () => stops.forEach((stop) => stop());
}
