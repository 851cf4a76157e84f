/**
 * Composition root: the one client for this window. Stores import `api` from here; pure modules (and their
 * tests) never do, so they stay free of `window`.
 */
import { createClient } from './api/client';
import { useSession } from './state/session';

export const client = createClient({ onUnauthorized: () => useSession.getState().signOut() });
export const api = client.api;
