/** Hash routes (`#/runs`, `#/runs/<id>`, `#/workflows`, `#/endpoints`): they work from file:// in Electron too. */
export type Route =
  | { name: 'runs' }
  | { name: 'run'; runId: string }
  | { name: 'workflows' }
  | { name: 'endpoints' }
  | { name: 'not_found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const [section, id, ...rest] = path.split('/');
  if (!section || section === 'runs') {
    if (!id) return { name: 'runs' };
    if (rest.length === 0) {
      try {
        return { name: 'run', runId: decodeURIComponent(id) };
      } catch {
        // A malformed escape is a link nobody could have made from the app.
      }
    }
  }
  if (section === 'workflows' && !id) return { name: 'workflows' };
  if (section === 'endpoints' && !id) return { name: 'endpoints' };
  return { name: 'not_found', path };
}

export function href(route: Exclude<Route, { name: 'not_found' }>): string {
  switch (route.name) {
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/runs/${encodeURIComponent(route.runId)}`;
    case 'workflows':
      return '#/workflows';
    case 'endpoints':
      return '#/endpoints';
  }
}
