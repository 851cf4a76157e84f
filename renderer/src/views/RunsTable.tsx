import type { KeyboardEvent } from 'react';
import type { RunSummary } from '../../../preload/api';
import { RunRow } from './RunRow';

/** Up/Down arrows move between the rows' links, so a keyboard user can scan runs without tabbing through cells. */
function moveBetweenRows(event: KeyboardEvent<HTMLTableSectionElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a.row-link')];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (at === -1) return;
  const next = links[event.key === 'ArrowDown' ? at + 1 : at - 1];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

export function RunsTable({ runs, busy }: { runs: RunSummary[]; busy: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="runs-table" aria-busy={busy}>
        <caption className="visually-hidden">Runs, newest first. Open a run from its client link.</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Client</th>
            <th scope="col">Workflow</th>
            <th scope="col">Started</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Steps done
            </th>
            <th scope="col" className="num">
              Attempts
            </th>
          </tr>
        </thead>
        <tbody onKeyDown={moveBetweenRows}>
          {runs.map((run) => (
            <RunRow key={run.id} run={run} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
