import { useEffect, useRef, useState } from 'react';
import type { ConnectionView, GoogleSignInView } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { Dialog } from '../../components/Dialog';
import { api } from '../../keel';
import { JsonFileField } from './JsonFileField';

/** How often the dialog asks whether Google has answered. */
const POLL_MS = 1000;

/**
 * "Sign in with Google": first the OAuth client to sign in with (its JSON file, or id and secret; nothing to sign in
 * again with the current one), then Google's consent screen in a browser tab while Keel waits on 127.0.0.1 for the
 * answer. The client secret lives only in this dialog's state until the call answers.
 */
export function GoogleSignInDialog({ connection, onDone, onClose }: { connection: ConnectionView; onDone: (view: ConnectionView) => void; onClose: () => void }) {
  const [signIn, setSignIn] = useState<GoogleSignInView | null>(null);
  if (signIn) return <SignInProgress signIn={signIn} onDone={onDone} onRetry={() => setSignIn(null)} onClose={onClose} />;
  return <ClientForm connection={connection} onStarted={setSignIn} onClose={onClose} />;
}

function ClientForm({ connection, onStarted, onClose }: { connection: ConnectionView; onStarted: (view: GoogleSignInView) => void; onClose: () => void }) {
  const [clientJson, setClientJson] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const reuse = connection.kind === 'oauth';
  const given = clientJson ? { clientJson } : clientId || clientSecret ? { clientId: clientId.trim(), clientSecret: clientSecret.trim() } : {};
  const blocked = !reuse && !clientJson && (!clientId.trim() || !clientSecret.trim()) ? 'Choose the OAuth client file, or give its client id and secret.' : null;
  return (
    <ActionDialog<GoogleSignInView>
      title="Sign in with Google"
      testId="google-sign-in-dialog"
      submitLabel="Sign in with Google"
      description={
        <p>
          Keel signs in with your own OAuth client: in Google Cloud console → APIs &amp; Services → Credentials, create an OAuth client of type{' '}
          <strong>Desktop app</strong> and download its JSON. Google's consent screen opens in a browser tab; when you allow access, Google sends the answer to Keel
          on this computer (127.0.0.1), and the refresh token goes to the OS keychain (entry <code>{connection.credentialName}</code>).
          {reuse && ' Leave the fields empty to sign in again with the current OAuth client.'}
        </p>
      }
      blocked={blocked}
      onSubmit={async (actor) => {
        const result = await api.startGoogleSignIn({ ...given, actor });
        setClientSecret('');
        setClientJson('');
        // Opened while the click still counts as the user's, so the browser does not block the tab.
        if (result.ok) window.open(result.value.authorizationUrl, '_blank', 'noopener');
        return result;
      }}
      onDone={onStarted}
      onClose={onClose}
    >
      <JsonFileField label="OAuth client file (Desktop app)" onText={setClientJson} testId="google-client-file" />
      <div className="field-row">
        <label className="field field-grow">
          <span>Or its client id</span>
          <input className="input" value={clientId} onChange={(e) => setClientId(e.target.value)} placeholder="…apps.googleusercontent.com" autoComplete="off" spellCheck={false} data-testid="google-client-id" />
        </label>
        <label className="field field-grow">
          <span>and client secret</span>
          <input className="input" type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off" spellCheck={false} data-testid="google-client-secret" />
        </label>
      </div>
    </ActionDialog>
  );
}

function SignInProgress({ signIn, onDone, onRetry, onClose }: { signIn: GoogleSignInView; onDone: (view: ConnectionView) => void; onRetry: () => void; onClose: () => void }) {
  const [view, setView] = useState(signIn);

  useEffect(() => {
    if (view.state !== 'waiting') return;
    const timer = setTimeout(async () => {
      const result = await api.googleSignInStatus({ id: view.id });
      if (result.ok) setView(result.value);
      else setView({ ...view, state: 'failed', message: result.error.message });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [view]);

  const reported = useRef(false);
  useEffect(() => {
    if (view.state !== 'signed_in' || !view.connection || reported.current) return;
    reported.current = true;
    onDone(view.connection);
  }, [view, onDone]);

  function close() {
    // Closing while Keel waits stops the listener: nobody is left to finish this sign-in.
    if (view.state === 'waiting') void api.cancelGoogleSignIn({ id: view.id });
    onClose();
  }

  return (
    <Dialog title="Sign in with Google" onClose={close} testId="google-sign-in-progress">
      <div role="status" data-testid="google-sign-in-state" data-state={view.state}>
        {view.state === 'waiting' && (
          <>
            <p>Waiting for Google… Finish signing in in the browser tab that opened; Keel is listening on {view.redirectUri}.</p>
            <p className="muted small">
              No tab?{' '}
              <a href={view.authorizationUrl} target="_blank" rel="noopener noreferrer" data-testid="google-sign-in-link">
                Open Google's sign-in
              </a>
              . Keel stops waiting at {new Date(view.expiresAt).toLocaleTimeString()}.
            </p>
          </>
        )}
        {view.state === 'signed_in' && <p className="verdict verdict-ok">Signed in. Google Drive now uses your account.</p>}
        {(view.state === 'failed' || view.state === 'cancelled') && (
          <div className="verdict verdict-bad">
            <p data-testid="google-sign-in-message">{view.message}</p>
          </div>
        )}
      </div>
      <div className="dialog-actions">
        {(view.state === 'failed' || view.state === 'cancelled') && (
          <button type="button" className="btn btn-primary" onClick={onRetry} data-testid="google-sign-in-retry">
            Try again
          </button>
        )}
        <button type="button" className="btn" onClick={close}>
          {view.state === 'waiting' ? 'Cancel' : 'Close'}
        </button>
      </div>
    </Dialog>
  );
}
