/**
 * Why a tunnel attempt failed, and whether trying again can help. A provider throws `tunnelFailure(...)`;
 * anything else it throws counts as retryable (networks fail in more ways than anyone lists). Branded rather
 * than checked with `instanceof`, so the check survives bundling and duplicated module copies.
 */

const BRAND = Symbol.for('keel.tunnel.failure');

export interface TunnelFailure extends Error {
  readonly [BRAND]: true;
  /** True when retrying cannot help until the user changes something (missing token, binary not installed). */
  readonly permanent: boolean;
}

export function tunnelFailure(message: string, options: { permanent?: boolean; cause?: unknown } = {}): TunnelFailure {
  const error = new Error(message, options.cause === undefined ? undefined : { cause: options.cause }) as Error & {
    [BRAND]: true;
    permanent: boolean;
  };
  error.name = 'TunnelFailure';
  error[BRAND] = true;
  error.permanent = options.permanent ?? false;
  return error;
}

export function isTunnelFailure(error: unknown): error is TunnelFailure {
  return typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true;
}

export function isPermanentTunnelFailure(error: unknown): boolean {
  return isTunnelFailure(error) && error.permanent;
}

/** One line for the console, from whatever was thrown. */
export function describeTunnelError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = error.cause instanceof Error ? error.cause.message : '';
    const base = error.message || String(code ?? error.name);
    // fetch() hides the useful part ("ECONNREFUSED 127.0.0.1:9") in its cause.
    return cause && !base.includes(cause) ? `${base} (${cause})` : base;
  }
  return String(error);
}
