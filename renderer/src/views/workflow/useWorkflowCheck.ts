import { useEffect, useState } from 'react';
import type { WorkflowCheck } from '../../../../preload/api';
import { api } from '../../keel';
import type { WorkflowDocument } from '../../workflows/document';

/** The core's check of the draft as it changes (debounced): null until the first answer. */
export function useWorkflowCheck(draft: WorkflowDocument): WorkflowCheck | null {
  const [check, setCheck] = useState<WorkflowCheck | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void api.checkWorkflow({ document: draft }).then((r) => {
        if (live) setCheck(r.ok ? r.value : { valid: false, problems: [`The check could not run: ${r.error.message}`] });
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft]);
  return check;
}
