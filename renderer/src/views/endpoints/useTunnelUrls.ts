/**
 * Each endpoint's public URL while a tunnel is up, kept current by `tunnel.changed`: a URL copied into a provider
 * must be the one the tunnel serves now. Read again when `endpoints` changes, so a new endpoint gets its URL.
 * Empty while there is no tunnel; the page works without it.
 */
import { useEffect, useState } from 'react';
import { api, client } from '../../keel';

export function useTunnelUrls(endpoints: unknown): Record<string, string> {
  const [urls, setUrls] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    const load = async () => {
      const result = await api.getTunnel({});
      if (!live || !result.ok) return;
      const up = result.value.status.state === 'up';
      setUrls(Object.fromEntries(result.value.endpoints.flatMap((e) => (up && e.publicUrl ? [[e.slug, e.publicUrl]] : []))));
    };
    void load();
    const stop = client.events.on('tunnel.changed', () => void load());
    return () => {
      live = false;
      stop();
    };
  }, [endpoints]);
  return urls;
}
