import type { ConsoleError } from '../../../preload/api';

/** An error in words (the Result's own message), with a retry where one makes sense. */
export function Problem({ title, error, onRetry }: { title: string; error: ConsoleError; onRetry?: () => void }) {
  return (
    <div className="problem" role="alert">
      <div>
        <p className="problem-title">{title}</p>
        <p className="problem-message">{error.message}</p>
      </div>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
