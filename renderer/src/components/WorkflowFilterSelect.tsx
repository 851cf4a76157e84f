import { useEffect } from 'react';
import { useWorkflows } from '../state/resources';

/** "All workflows" or one of them, for a filter; loads the workflow list when nothing has yet. */
export function WorkflowFilterSelect({ value, onChange, testId }: { value: string; onChange: (workflowId: string) => void; testId: string }) {
  const workflows = useWorkflows((s) => s.data);
  useEffect(() => {
    if (!useWorkflows.getState().data) void useWorkflows.getState().load();
  }, []);
  return (
    <select className="select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">All workflows</option>
      {workflows?.map((w) => (
        <option key={w.id} value={w.id}>
          {w.name}
        </option>
      ))}
    </select>
  );
}
