import { useEffect, useRef } from 'react';
import { useAppStateAttribute } from '../hooks/useAppStateAttribute';
import { useRoute } from '../router/useRoute';
import { useAppInfo } from '../state/resources';
import { useSession } from '../state/session';
import { AttentionView } from '../views/AttentionView';
import { ConnectionsView } from '../views/ConnectionsView';
import { SettingsView } from '../views/SettingsView';
import { EndpointsView } from '../views/EndpointsView';
import { LedgerView } from '../views/LedgerView';
import { WorkflowDetailView } from '../views/WorkflowDetailView';
import { NotFoundView } from '../views/NotFoundView';
import { RunDetailView } from '../views/RunDetailView';
import { RunsView } from '../views/RunsView';
import { WorkflowsView } from '../views/WorkflowsView';
import { Header } from './Header';
import { IntakePausedBanner } from './IntakePausedBanner';
import { Nav } from './Nav';
import { Problem } from './Problem';
import { SignedOut } from './SignedOut';

export function App() {
  useAppStateAttribute();
  const route = useRoute();
  const signedOut = useSession((s) => s.signedOut);
  const infoError = useAppInfo((s) => s.error);
  const main = useRef<HTMLElement>(null);
  const routeKey = route.name === 'run' ? `run/${route.runId}` : route.name === 'workflow' ? `workflow/${route.workflowId}` : route.name;
  const firstRoute = useRef(true);

  // After in-app navigation, move focus to the new page's heading so keyboard and screen reader users land on
  // it (a hash change alone leaves focus on the clicked link). Not on first load: focus starts at the top.
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [routeKey]);

  if (signedOut) return <SignedOut />;

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <Header />
      <div className="shell">
        <Nav route={route} />
        <main className="content" id="main" ref={main} tabIndex={-1}>
          {infoError && (
            <Problem title="Keel's status could not be read." error={infoError} onRetry={() => void useAppInfo.getState().load()} />
          )}
          <IntakePausedBanner />
          {route.name === 'runs' && <RunsView />}
          {route.name === 'run' && <RunDetailView runId={route.runId} />}
          {route.name === 'attention' && <AttentionView />}
          {route.name === 'workflows' && <WorkflowsView />}
          {route.name === 'workflow' && <WorkflowDetailView workflowId={route.workflowId} />}
          {route.name === 'ledger' && <LedgerView />}
          {route.name === 'endpoints' && <EndpointsView />}
          {route.name === 'connections' && <ConnectionsView />}
          {route.name === 'settings' && <SettingsView />}
          {route.name === 'not_found' && <NotFoundView path={route.path} />}
        </main>
      </div>
    </div>
  );
}
