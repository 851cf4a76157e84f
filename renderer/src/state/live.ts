/**
 * Starts the app's data flow: the first loads, live `run.changed` events into the stores, and a full refetch
 * whenever the event stream (re)opens, because events sent while it was down are not replayed.
 */
import { client } from '../keel';
import { useAttention } from './attention';
import { notifyNeedsAttention } from './notify';
import { useAppInfo } from './resources';
import { useRunDetail } from './runDetail';
import { useRuns } from './runs';
import { useSession } from './session';

export function startLive(): () => void {
  const { events } = client;
  const stops = [
    events.on('run.changed', (run) => {
      useRuns.getState().upsert(run);
      useRunDetail.getState().onRunChanged(run);
      useAttention.getState().onRunChanged(run);
    }),
    events.on('run.needsAttention', (event) => {
      useAttention.getState().onRunChanged(event.run);
      if (client.shell === 'browser') notifyNeedsAttention(event);
    }),
    events.onStatus((link) => useSession.getState().setLink(link)),
    events.onResync(() => {
      void useRuns.getState().load();
      void useRunDetail.getState().refresh();
      void useAttention.getState().load();
    }),
  ];
  void useAppInfo.getState().load();
  void useRuns.getState().load();
  void useAttention.getState().load();
  return () => stops.forEach((stop) => stop());
}
