import { useCallback, useEffect, useState } from 'react';
import type { ConsoleError } from '../../../../preload/api';
import { api } from '../../keel';
import type { StepCatalog } from '../../workflows/catalog';

/** The actions a step may use and the engine's step defaults, asked of the core once per editor. */
export function useStepCatalog(): { catalog: StepCatalog | null; error: ConsoleError | null; reload: () => void } {
  const [catalog, setCatalog] = useState<StepCatalog | null>(null);
  const [error, setError] = useState<ConsoleError | null>(null);
  const reload = useCallback(() => {
    void api.listConnectorActions({}).then((r) => {
      if (r.ok) {
        setCatalog(r.value);
        setError(null);
      } else setError(r.error);
    });
  }, []);
  useEffect(reload, [reload]);
  return { catalog, error, reload };
}
