import { useState } from 'react';
import type { ConnectionCheckView, ConnectionView, ConsoleError } from '../../../../preload/api';
import { Problem } from '../../components/Problem';
import { Timestamp } from '../../components/Timestamp';
import { checkHeadline, environmentVariable, kindLabel, sourceLabel } from '../../format/connection';
import { api } from '../../keel';
import { RemoveCredentialDialog, SetCredentialDialog } from './CredentialDialogs';
import { GoogleSignInDialog } from './GoogleSignInDialog';

/** One connector: its credential's kind and where it is stored (never the value), set / sign in / remove, and a test in words. */
export function ConnectionCard({ connection, onChanged }: { connection: ConnectionView; onChanged: () => void }) {
  const [dialog, setDialog] = useState<'set' | 'sign-in' | 'remove' | null>(null);
  const [testing, setTesting] = useState(false);
  const [check, setCheck] = useState<ConnectionCheckView | null>(null);
  const [testError, setTestError] = useState<ConsoleError | null>(null);
  const c = connection;
  const shown = check ?? c.lastCheck;

  async function test() {
    setTesting(true);
    setTestError(null);
    const result = await api.testConnection({ connector: c.connector });
    setTesting(false);
    if (result.ok) setCheck(result.value);
    else setTestError(result.error);
    onChanged();
  }

  function changed() {
    setDialog(null);
    setCheck(null);
    onChanged();
  }

  const headingId = `connection-${c.connector}`;
  return (
    <article className="conn-card" aria-labelledby={headingId} data-testid="connection" data-connector={c.connector} data-state={c.state} data-sandbox={String(c.sandbox)} data-kind={c.kind ?? ''}>
      <div className="card-head">
        <h2 id={headingId}>{c.title}</h2>
        {c.sandbox ? (
          <span className="badge badge-sandbox" data-testid="connection-sandbox" title="Steps run against Keel's built-in fake of this provider; nothing reaches a real account.">
            Sandbox
          </span>
        ) : (
          <span className="badge badge-live" data-testid="connection-live">
            Provider
          </span>
        )}
      </div>
      <dl className="kv">
        <dt>Credential</dt>
        <dd data-testid="credential-state">{c.state === 'set' ? 'Set' : 'Not set'}</dd>
        <dt>Kind</dt>
        <dd data-testid="credential-kind">{kindLabel(c.kind)}</dd>
        {c.account && (
          <>
            <dt>Account</dt>
            <dd className="mono" data-testid="credential-account">
              {c.account}
            </dd>
          </>
        )}
        <dt>Stored in</dt>
        <dd>
          <span data-testid="credential-source">{sourceLabel(c.source)}</span>
          {c.source === 'keychain' && (
            <span className="muted">
              {' '}
              · entry <code>{c.credentialName}</code>
            </span>
          )}
          {c.source === 'environment' && (
            <span className="muted">
              {' '}
              · <code>{environmentVariable(c.credentialName)}</code>
            </span>
          )}
        </dd>
        <dt>Ends in</dt>
        <dd className="mono" data-testid="credential-last-four">
          {c.lastFour ? `…${c.lastFour}` : '—'}
        </dd>
        <dt>Set</dt>
        <dd>
          <Timestamp ms={c.setAt} />
        </dd>
        <dt>Last checked</dt>
        <dd>{shown ? <Timestamp ms={shown.at} /> : <span className="muted">Never</span>}</dd>
        <dt>Talks to</dt>
        <dd className="mono">{c.apiBase}</dd>
      </dl>
      {c.state === 'not_set' && (
        <p className="muted small">
          Set a credential to use your real {c.title} account. On a server, <code>{environmentVariable(c.credentialName)}</code> works too.
        </p>
      )}
      <div role="status" data-testid="connection-check" data-ok={shown ? String(shown.ok) : ''} data-problem={shown?.problem ?? ''}>
        {testing && <p className="muted">Testing…</p>}
        {!testing && shown && (
          <div className={shown.ok ? 'verdict verdict-ok' : 'verdict verdict-bad'}>
            <p>{checkHeadline(shown, c.title)}</p>
            {shown.detail && <p className="small">{shown.detail}</p>}
          </div>
        )}
      </div>
      {testError && <Problem title="The test could not run." error={testError} onRetry={() => void test()} />}
      <div className="card-actions">
        <button type="button" className="btn" onClick={() => void test()} disabled={testing} aria-busy={testing} data-testid="test-connection">
          Test connection
        </button>
        {c.kinds.includes('oauth') && (
          <button type="button" className="btn btn-primary" onClick={() => setDialog('sign-in')} data-testid="google-sign-in">
            {c.kind === 'oauth' ? 'Sign in again' : 'Sign in with Google'}
          </button>
        )}
        <button type="button" className={c.kinds.includes('oauth') ? 'btn' : 'btn btn-primary'} onClick={() => setDialog('set')} data-testid="set-credential">
          {c.state === 'set' ? 'Replace credential' : 'Set credential'}
        </button>
        {c.state === 'set' && c.source !== 'environment' && (
          <button type="button" className="btn btn-danger-outline" onClick={() => setDialog('remove')} data-testid="remove-credential">
            Remove
          </button>
        )}
      </div>
      {dialog === 'set' && <SetCredentialDialog connection={c} onDone={changed} onClose={() => setDialog(null)} />}
      {dialog === 'sign-in' && <GoogleSignInDialog connection={c} onDone={changed} onClose={() => setDialog(null)} />}
      {dialog === 'remove' && <RemoveCredentialDialog connection={c} onDone={changed} onClose={() => setDialog(null)} />}
    </article>
  );
}
