/** What a "needs attention" notification says, and where clicking it takes the user. */
import type { RunSummary } from '../../preload/api';
import type { AttentionNotice } from './attention-batcher';
import { runRoute, RUNS_ROUTE } from './routes';

export interface NoticeContent {
  title: string;
  body: string;
  /** The console route a click opens. */
  route: string;
}

/** How many client keys a grouped notification names before "and N more". */
const NAMED_IN_GROUP = 3;

function runName(run: RunSummary): string {
  return run.clientKey ?? run.id.slice(0, 8);
}

export function noticeContent(notice: AttentionNotice): NoticeContent {
  if (notice.kind === 'run') {
    const { run } = notice;
    return {
      title: `${run.workflowName} needs attention`,
      body: `${runName(run)}: ${run.stepsDone} of ${run.stepCount} steps done. Open the run to see what failed and resume it.`,
      route: runRoute(run.id),
    };
  }
  const { runs } = notice;
  const named = runs.slice(0, NAMED_IN_GROUP).map(runName).join(', ');
  const more = runs.length > NAMED_IN_GROUP ? ` and ${runs.length - NAMED_IN_GROUP} more` : '';
  return {
    title: `${runs.length} runs need attention`,
    body: `${named}${more}. Open Keel to see what failed and resume them.`,
    route: RUNS_ROUTE,
  };
}
