import type { EndpointProviderView, WorkflowSummary } from '../../../../preload/api';
import { SLUG_PATTERN, type EndpointForm } from './endpointForm';

/**
 * What every endpoint has: its slug (fixed once created: providers know it by its URL), the workflow it starts,
 * the provider whose signatures it checks (with where that provider shows the secret), and whether it is on.
 */
export function EndpointBasics({ form, providers, workflows, onChange }: {
  form: EndpointForm;
  providers: EndpointProviderView[];
  workflows: WorkflowSummary[];
  onChange: (change: Partial<EndpointForm>) => void;
}) {
  const provider = providers.find((p) => p.provider === form.provider);
  return (
    <>
      <div className="field-row">
        <label className="field">
          <span>Slug</span>
          <input
            className="input"
            required
            pattern={SLUG_PATTERN}
            maxLength={63}
            readOnly={form.mode === 'update'}
            value={form.slug}
            placeholder="stripe-contracts"
            spellCheck={false}
            onChange={(e) => onChange({ slug: e.target.value })}
            data-testid="endpoint-slug"
          />
          <span className="muted small">Providers post to …/hooks/{form.slug || '<slug>'}</span>
        </label>
        <label className="field field-grow">
          <span>Workflow it starts</span>
          <select className="input" required value={form.workflowId} onChange={(e) => onChange({ workflowId: e.target.value })} data-testid="endpoint-workflow">
            {workflows.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} ({w.id})
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Sender (whose signatures are checked)</span>
        <select className="input" value={form.provider} onChange={(e) => onChange({ provider: e.target.value, allowUnsigned: false })} data-testid="endpoint-provider">
          {providers.map((p) => (
            <option key={p.provider} value={p.provider}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      {provider && (
        <div className="small">
          <p data-testid="endpoint-secret-hint">
            <strong>Signing secret:</strong> {provider.secretHint}
          </p>
          <p className="muted" data-testid="endpoint-catch-up">
            <strong>Missed deliveries ({provider.catchUp.label}):</strong> {provider.catchUp.detail}
          </p>
        </div>
      )}
      {provider && !provider.authenticates && (
        <label className="check warning-text">
          <input type="checkbox" checked={form.allowUnsigned} onChange={(e) => onChange({ allowUnsigned: e.target.checked })} data-testid="endpoint-allow-unsigned" />
          Unsafe: no signature is checked, so anyone who knows the URL can start runs. I understand.
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={form.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} data-testid="endpoint-enabled" />
        Takes deliveries (turned off, it answers 404 and keeps its history)
      </label>
    </>
  );
}
