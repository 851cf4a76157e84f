/** Hash routes (`#/runs`, `#/runs/<id>`, `#/workflows/<id>`, …): they work from file:// in Electron too. */
export type Route =
  | { name: 'runs' }
  | { name: 'run'; runId: string }
  | { name: 'attention' }
  | { name: 'workflows' }
  | { name: 'workflow'; workflowId: string }
  | { name: 'endpoints' }
  | { name: 'ledger' }
  | { name: 'connections' }
  | { name: 'settings' }
  | { name: 'not_found'; path: string };

function decode(id: string): string | null {
  try {
    return decodeURIComponent(id);
  } catch {
    // A malformed escape is a link nobody could have made from the app.
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [section, id, ...rest] = path.split('/');
  if (rest.length === 0) {
    if (!section || section === 'runs') {
      if (!id) return { name: 'runs' };
      const runId = decode(id);
      if (runId) return { name: 'run', runId };
    }
    if (section === 'workflows') {
      if (!id) return { name: 'workflows' };
      const workflowId = decode(id);
      if (workflowId) return { name: 'workflow', workflowId };
    }
    if (!id && section === 'attention') return { name: 'attention' };
    if (!id && section === 'endpoints') return { name: 'endpoints' };
    if (!id && section === 'ledger') return { name: 'ledger' };
    if (!id && section === 'connections') return { name: 'connections' };
    if (!id && section === 'settings') return { name: 'settings' };
  }
  return { name: 'not_found', path };
}

export function href(route: Exclude<Route, { name: 'not_found' }>): string {
  switch (route.name) {
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/runs/${encodeURIComponent(route.runId)}`;
    case 'attention':
      return '#/attention';
    case 'workflows':
      return '#/workflows';
    case 'workflow':
      return `#/workflows/${encodeURIComponent(route.workflowId)}`;
    case 'endpoints':
      return '#/endpoints';
    case 'ledger':
      return '#/ledger';
    case 'connections':
      return '#/connections';
    case 'settings':
      return '#/settings';
  }
}
