/** The simple, fetched-whole resources. Each view loads its own on mount (and on retry). */
import { api } from '../keel';
import { createResourceStore } from './resource';

export const useAppInfo = createResourceStore(() => api.getAppInfo({}));
export const useWorkflows = createResourceStore(() => api.listWorkflows({}));
export const useEndpoints = createResourceStore(() => api.listEndpoints({}));
export const useConnections = createResourceStore(() => api.listConnections({}));
