/** The verifier providers the endpoint form offers, with their settings and secret hints (from the core). */
import { api } from '../../keel';
import { createResourceStore } from '../../state/resource';

export const useEndpointProviders = createResourceStore(() => api.listEndpointProviders({}));
