import { useEffect } from 'react';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { useAppInfo, useConnections } from '../state/resources';
import { ConnectionCard } from './connections/ConnectionCard';

/** Each connector's credential: where it comes from, set / remove / test, and whether the sandbox is in use. */
export function ConnectionsView() {
  const data = useConnections((s) => s.data);
  const error = useConnections((s) => s.error);
  const load = () => void useConnections.getState().load();
  useEffect(load, []);

  function changed() {
    load();
    // The header's sandbox badge follows the connectors.
    void useAppInfo.getState().load();
  }

  return (
    <section className="page" aria-labelledby="connections-title" data-testid="connections-view">
      <div className="page-head">
        <h1 id="connections-title" tabIndex={-1}>
          Connections
        </h1>
      </div>
      <p className="lede">
        Credentials live only in your OS keychain; Keel shows their kind, where each one comes from and its last four characters, never the value. Google Drive
        takes a Google sign-in, a service-account key or an access token. A connector without a credential uses Keel's sandbox, a built-in fake of the provider.
      </p>
      {error && <Problem title="The connections could not be loaded." error={error} onRetry={load} />}
      {!data && !error && <Loading>Loading connections…</Loading>}
      {data && (
        <div role="status" data-testid="keychain-status" data-available={String(data.keychain.available)}>
          {data.keychain.available ? (
            <p className="verdict verdict-ok">Keychain available: {data.keychain.store}.</p>
          ) : (
            <div className="problem">
              <div>
                <p className="problem-title">The OS keychain is not available: {data.keychain.problem}</p>
                <p className="problem-message">{data.keychain.nextStep}</p>
              </div>
            </div>
          )}
        </div>
      )}
      {data && (
        <div className="card-grid">
          {data.connections.map((c) => (
            <ConnectionCard key={c.connector} connection={c} onChanged={changed} />
          ))}
        </div>
      )}
    </section>
  );
}
