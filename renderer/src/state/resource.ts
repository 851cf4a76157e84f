/**
 * A store for one value fetched whole (app info, workflows, endpoints): data, the last error, and `load` for
 * the first fetch and every retry. Stale answers are dropped, and data survives a failed refetch so a flaky
 * link does not blank the page.
 */
import { create } from 'zustand';
import type { ConsoleError, Result } from '../../../preload/api';

export interface ResourceState<T> {
  data: T | undefined;
  error: ConsoleError | null;
  loading: boolean;
  load(): Promise<void>;
}

export function createResourceStore<T>(fetch: () => Promise<Result<T>>) {
  let latest = 0;
  return create<ResourceState<T>>()((set) => ({
    data: undefined,
    error: null,
    loading: false,
    async load() {
      const request = ++latest;
      set({ loading: true });
      const result = await fetch();
      if (request !== latest) return;
      if (result.ok) set({ data: result.value, error: null, loading: false });
      else set({ error: result.error, loading: false });
    },
  }));
}
