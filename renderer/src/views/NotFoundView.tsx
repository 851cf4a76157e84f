import { EmptyState } from '../components/EmptyState';
import { href } from '../router/route';

export function NotFoundView({ path }: { path: string }) {
  return (
    <section className="page" aria-labelledby="nf-title">
      <h1 id="nf-title" tabIndex={-1}>
        Page not found
      </h1>
      <EmptyState title={`There is no page at “${path}”.`}>
        Go to <a href={href({ name: 'runs' })}>Runs</a>.
      </EmptyState>
    </section>
  );
}
