/** Whether we may talk to the core at all (signed in) and whether live updates are flowing. */
import { create } from 'zustand';
import type { LinkStatus } from '../api/live';

interface SessionState {
  link: LinkStatus;
  /** The headless shell answered 401: the app shows how to sign in instead of half-empty views. */
  signedOut: boolean;
  setLink(link: LinkStatus): void;
  signOut(): void;
}

export const useSession = create<SessionState>()((set) => ({
  link: 'connecting',
  signedOut: false,
  setLink: (link) => set({ link }),
  signOut: () => set({ signedOut: true }),
}));
