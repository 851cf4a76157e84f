/**
 * The URL a provider called, for schemes that sign it. Behind a tunnel the listener sees only the path, so the
 * endpoint's settings may name its public URL; otherwise the intake's own knowledge, else the Host header
 * (tunnels pass the public host through) with https, which is what every public tunnel serves.
 */
import type { InboundRequest, VerifierSettings } from './verifier';

export function calledUrl(request: InboundRequest, settings?: VerifierSettings): string {
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
  const configured = typeof settings?.url === 'string' && settings.url.length > 0 ? settings.url : undefined;
  if (configured) return configured.includes('?') ? configured : `${configured}${query}`;
  if (request.publicUrl) return request.publicUrl;
  const proto = request.headers['x-forwarded-proto']?.split(',')[0]?.trim() || 'https';
  const host = request.headers['x-forwarded-host']?.split(',')[0]?.trim() || request.headers.host || 'localhost';
  return `${proto}://${host}${request.url}`;
}
