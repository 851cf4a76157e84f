import { useSession } from '../state/session';

const words = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

/** Whether the lists update by themselves right now; while reconnecting they may lag until the link is back. */
export function ConnectionIndicator() {
  const link = useSession((s) => s.link);
  return (
    <span
      className={`link link-${link}`}
      role="status"
      title={link === 'live' ? 'Runs update live.' : 'Live updates paused; the lists refresh when the link is back.'}
    >
      <span className="link-dot" aria-hidden="true" />
      {words[link]}
    </span>
  );
}
