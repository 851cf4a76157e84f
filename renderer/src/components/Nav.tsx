import { href, type Route } from '../router/route';
import { useAppInfo } from '../state/resources';

const items = [
  { label: 'Runs', to: href({ name: 'runs' }), active: (r: Route) => r.name === 'runs' || r.name === 'run' },
  { label: 'Workflows', to: href({ name: 'workflows' }), active: (r: Route) => r.name === 'workflows' },
  { label: 'Endpoints', to: href({ name: 'endpoints' }), active: (r: Route) => r.name === 'endpoints' },
];

export function Nav({ route }: { route: Route }) {
  const info = useAppInfo((s) => s.data);
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <a href={item.to} aria-current={item.active(route) ? 'page' : undefined}>
              {item.label}
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
