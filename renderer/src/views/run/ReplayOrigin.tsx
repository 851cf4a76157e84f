import { href } from '../../router/route';

/** Under a replayed run's facts: the run it replays, one click away (the ledger there says why it was replayed). */
export function ReplayOrigin({ replayOf }: { replayOf: string | null | undefined }) {
  if (!replayOf) return null;
  return (
    <p className="run-origin" data-testid="replay-of">
      Replays run{' '}
      <a href={href({ name: 'run', runId: replayOf })} className="mono">
        {replayOf.slice(0, 8)}
      </a>
      ; its ledger records who replayed it, why, and any change to the trigger.
    </p>
  );
}
