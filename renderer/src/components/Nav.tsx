import { href, type Route } from '../router/route';
import { useAttention } from '../state/attention';
import { useAppInfo } from '../state/resources';

const items = [
  { label: 'Runs', to: href({ name: 'runs' }), active: (r: Route) => r.name === 'runs' || r.name === 'run' },
  { label: 'Needs attention', to: href({ name: 'attention' }), active: (r: Route) => r.name === 'attention', badge: true },
  { label: 'Workflows', to: href({ name: 'workflows' }), active: (r: Route) => r.name === 'workflows' || r.name === 'workflow' },
  { label: 'Endpoints', to: href({ name: 'endpoints' }), active: (r: Route) => r.name === 'endpoints' },
  { label: 'Ledger', to: href({ name: 'ledger' }), active: (r: Route) => r.name === 'ledger' },
  { label: 'Connections', to: href({ name: 'connections' }), active: (r: Route) => r.name === 'connections' },
  { label: 'Settings', to: href({ name: 'settings' }), active: (r: Route) => r.name === 'settings' },
];

export function Nav({ route }: { route: Route }) {
  const info = useAppInfo((s) => s.data);
  const attention = useAttention((s) => s.items?.length ?? 0);
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <a href={item.to} aria-current={item.active(route) ? 'page' : undefined} data-testid={`nav-${item.to.slice(2)}`}>
              {item.label}
              {item.badge && attention > 0 && (
                <span className="count-badge" data-testid="attention-count">
                  {attention}
                  <span className="visually-hidden"> runs need attention</span>
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
      {info && (
        <p className="sidenav-foot" title={`Data: ${info.dataDir}`}>
          Keel {info.version} · {info.shell === 'electron' ? 'desktop' : 'headless'}
        </p>
      )}
    </nav>
  );
}
