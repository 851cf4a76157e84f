/**
 * ngrok through its official SDK (`@ngrok/ngrok`, the agent built into the process). The authtoken comes
 * from the keychain through `getSecret`, is handed to the SDK and to nothing else, and is scrubbed from
 * every message (ngrok's own errors quote it: "Your authtoken: …").
 *
 * The SDK is reached only through `NgrokForward`, the module boundary tests replace. It is loaded on first
 * use, so choosing another provider never loads ngrok's native module.
 */
import { describeTunnelError, tunnelFailure } from './failure';
import type { TunnelProvider } from './provider';

/** The slice of `ngrok.forward()`'s config Keel uses. */
export interface NgrokForwardConfig {
  /** Always `127.0.0.1:<intake port>`: the intake is the only thing ngrok forwards to. */
  addr: string;
  proto: 'http';
  authtoken: string;
  /** A reserved or custom domain; without one ngrok assigns a random one. */
  domain?: string;
  /** ngrok calls this with 'closed' when its session drops and 'connected' when it has reconnected. */
  onStatusChange: (status: string) => void;
}

export interface NgrokListenerLike {
  url(): string | null;
  close(): Promise<void>;
}

export type NgrokForward = (config: NgrokForwardConfig) => Promise<NgrokListenerLike>;

export const sdkForward: NgrokForward = async (config) => {
  const ngrok = await import('@ngrok/ngrok');
  return ngrok.forward(config);
};

/** Errors no retry can fix: the authtoken is malformed, revoked or missing, or the account is not verified. */
const PERMANENT_CODES = new Set(['ERR_NGROK_105', 'ERR_NGROK_106', 'ERR_NGROK_107', 'ERR_NGROK_300', 'ERR_NGROK_4018']);

export interface NgrokTunnelOptions {
  /** Reads a secret from the vault; null when it is not set. */
  getSecret: (name: string) => Promise<string | null>;
  /** Vault name of the authtoken. @default 'ngrok' */
  authtokenSecret?: string;
  domain?: string;
  forward?: NgrokForward;
}

export function ngrokProvider(o: NgrokTunnelOptions): TunnelProvider {
  const secretName = o.authtokenSecret ?? 'ngrok';
  const forward = o.forward ?? sdkForward;
  return {
    id: 'ngrok',
    async open({ intakePort, signal, events }) {
      let authtoken: string | null;
      try {
        authtoken = await o.getSecret(secretName);
      } catch (error) {
        // A locked or missing keychain can come back (the user unlocks it): worth retrying.
        throw tunnelFailure(`could not read the ngrok authtoken from the keychain: ${describeTunnelError(error)}`, { cause: error });
      }
      if (!authtoken) {
        throw tunnelFailure(`no ngrok authtoken: add yours (dashboard.ngrok.com, "Your Authtoken") in Settings, stored in the keychain as "${secretName}"`, { permanent: true });
      }
      const scrub = (text: string) => text.split(authtoken).join('[authtoken]');
      let up = false;
      let listener: NgrokListenerLike;
      try {
        listener = await forward({
          addr: `127.0.0.1:${intakePort}`,
          proto: 'http',
          authtoken,
          ...(o.domain && { domain: o.domain }),
          onStatusChange: (status) => {
            // ngrok reconnects its session by itself; mirror it rather than tearing the listener down.
            if (!up) return;
            if (status === 'closed') events.interrupted('ngrok lost its connection and is reconnecting');
            else if (status === 'connected') events.restored();
          },
        });
      } catch (error) {
        const code = (error as { errorCode?: unknown }).errorCode;
        const message = scrub(describeTunnelError(error));
        throw tunnelFailure(`ngrok refused to start: ${message}`, { permanent: typeof code === 'string' && PERMANENT_CODES.has(code) });
      }
      const url = listener.url();
      if (signal.aborted || !url) {
        await listener.close().catch(() => undefined);
        throw tunnelFailure(url ? 'the tunnel was stopped while ngrok was starting' : 'ngrok started a listener without a public URL');
      }
      up = true;
      return {
        url,
        close: async () => {
          up = false;
          await listener.close();
        },
      };
    },
  };
}
