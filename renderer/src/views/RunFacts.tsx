import type { RunSummary } from '../../../preload/api';
import { CopyButton } from '../components/CopyButton';
import { Timestamp } from '../components/Timestamp';
import { formatDuration, runDuration } from '../format/time';
import { useNow } from '../hooks/useNow';

/** Under the run's title: what it runs, and where it stands. */
export function RunFacts({ run }: { run: RunSummary }) {
  const now = useNow(run.status === 'running' && run.finishedAt === null);
  return (
    <div className="run-head">
      <p className="run-workflow">
        {run.workflowName}
        <span className="mono muted">
          {' '}
          {run.workflowId}@v{run.workflowVersion}
        </span>
      </p>
      <dl className="facts">
        <div>
          <dt>Run ID</dt>
          <dd>
            <code className="mono">{run.id}</code> <CopyButton text={run.id} label="run ID" />
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <Timestamp ms={run.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>
            <Timestamp ms={run.finishedAt} empty="Not finished" />
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(runDuration(run, now))}</dd>
        </div>
        <div>
          <dt>Steps done</dt>
          <dd>
            {run.stepsDone} of {run.stepCount}
          </dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{run.attempts}</dd>
        </div>
      </dl>
    </div>
  );
}
