/**
 * The manual provider: the user's own reverse proxy (Caddy, nginx, a router's port forward) at a fixed public
 * URL. Keel cannot open anything here; it can only check that the URL reaches the intake, or take the user's
 * word for it when the check cannot work (a proxy that only the provider's IPs may pass).
 */
import { tunnelFailure } from './failure';
import { checkIntakeHealth, type FetchLike } from './health-check';
import type { TunnelProvider } from './provider';

export interface ManualTunnelOptions {
  /** The public base URL, e.g. `https://hooks.example.com` (what comes before `/hooks/<slug>`). */
  publicUrl: string;
  /** Check `<publicUrl>/hooks/healthz` before reporting up, and again every check interval. @default true */
  verify?: boolean;
  fetch?: FetchLike;
}

export function manualProvider(o: ManualTunnelOptions): TunnelProvider {
  const verify = o.verify ?? true;
  return {
    id: 'manual',
    async open({ signal }) {
      const url = publicBase(o.publicUrl);
      if (!verify) {
        return { url, note: 'declared in settings; Keel has not checked that this URL reaches it', close: async () => {} };
      }
      await checkIntakeHealth(url, signal, o.fetch);
      return { url, check: (checkSignal) => checkIntakeHealth(url, checkSignal, o.fetch), close: async () => {} };
    },
  };
}

function publicBase(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw tunnelFailure(`"${raw}" is not a URL; enter the public address of your proxy, like https://hooks.example.com`, { permanent: true });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw tunnelFailure(`the public URL must start with https:// (got ${url.protocol})`, { permanent: true });
  }
  if (url.search || url.hash) throw tunnelFailure('the public URL must not carry a query or a fragment', { permanent: true });
  // `/hooks/<slug>` is appended, so a URL that already ends in /hooks would double it.
  const base = `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/hooks$/, '');
  return base;
}
