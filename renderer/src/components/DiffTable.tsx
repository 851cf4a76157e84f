/** A table of changes between two JSON values (two attempts' payloads, two workflow versions). */
import type { ReactNode } from 'react';
import type { Change } from '../payload/diff';

export function DiffTable(props: {
  changes: Change[];
  /** Column headings: the path's, and the two sides'. */
  headings: [string, string, string];
  /** How one side's value is shown. */
  render: (value: unknown) => ReactNode;
  testId?: string;
}) {
  const absent = <span className="muted">(absent)</span>;
  return (
    <table className="data-table diff-table" data-testid={props.testId}>
      <thead>
        <tr>
          {props.headings.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.changes.map((c) => (
          <tr key={c.path} className={`diff-${c.kind}`} data-testid="diff-row">
            <td>
              <code>{c.path}</code>
            </td>
            <td className="mono small">{c.kind === 'added' ? absent : props.render(c.before)}</td>
            <td className="mono small">{c.kind === 'removed' ? absent : props.render(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
