import { useEffect, useState } from 'react';
import type { EndpointProviderView, EndpointSavedView, EndpointView, WorkflowSummary } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { Dialog } from '../../components/Dialog';
import { Loading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { api } from '../../keel';
import { useWorkflows } from '../../state/resources';
import { EndpointBasics } from './EndpointBasics';
import { editEndpointForm, formProblem, newEndpointForm, saveEndpointInput, type EndpointForm } from './endpointForm';
import { useEndpointProviders } from './endpointProviders';
import { ProviderSettingsFields } from './ProviderSettingsFields';
import { SecretChoice } from './SecretChoice';

interface Props {
  /** The endpoint to edit; absent for a new one. */
  editing?: EndpointView;
  onSaved: (saved: EndpointSavedView) => void;
  onClose: () => void;
}

/** "New endpoint" and "Edit": waits for the providers and workflows the form offers, then shows it. */
export function EndpointFormDialog(props: Props) {
  const providers = useEndpointProviders((s) => s.data);
  const providersError = useEndpointProviders((s) => s.error);
  const workflows = useWorkflows((s) => s.data);
  const workflowsError = useWorkflows((s) => s.error);
  const load = () => {
    void useEndpointProviders.getState().load();
    void useWorkflows.getState().load();
  };
  useEffect(load, []);
  const title = props.editing ? `Edit endpoint ${props.editing.slug}` : 'New endpoint';
  if (!providers || !workflows) {
    const error = providersError ?? workflowsError;
    return (
      <Dialog title={title} onClose={props.onClose} testId="endpoint-dialog">
        {error ? <Problem title="The form could not be prepared." error={error} onRetry={load} /> : <Loading>Loading providers and workflows…</Loading>}
      </Dialog>
    );
  }
  return <EndpointFormReady {...props} title={title} providers={providers} workflows={workflows} />;
}

function EndpointFormReady({ editing, onSaved, onClose, title, providers, workflows }: Props & { title: string; providers: EndpointProviderView[]; workflows: WorkflowSummary[] }) {
  const [form, setForm] = useState<EndpointForm>(() =>
    editing ? editEndpointForm(editing, providers.find((p) => p.provider === editing.verifier)) : newEndpointForm(workflows[0]?.id ?? ''),
  );
  const change = (next: Partial<EndpointForm>) => setForm((current) => ({ ...current, ...next }));
  const provider = providers.find((p) => p.provider === form.provider);
  return (
    <ActionDialog<EndpointSavedView>
      title={title}
      testId="endpoint-dialog"
      wide
      submitLabel={editing ? 'Save changes' : 'Create endpoint'}
      blocked={formProblem(form, provider)}
      description={<p>Who saved it, why, and what changed are recorded in the ledger. Secrets go to the OS keychain only.</p>}
      onSubmit={async (actor) => {
        const result = await api.saveEndpoint(saveEndpointInput(form, provider!, actor));
        change({ secretValue: '' });
        return result;
      }}
      onDone={onSaved}
      onClose={onClose}
    >
      <EndpointBasics form={form} providers={providers} workflows={workflows} onChange={change} />
      {provider && <ProviderSettingsFields provider={provider} form={form} onChange={(settings) => change({ settings })} />}
      {provider && <SecretChoice provider={provider} form={form} onChange={change} />}
      {editing && editing.verifier !== form.provider && editing.secrets.length > 0 && (
        <p className="notice small" data-testid="endpoint-provider-changed">
          The endpoint&apos;s current signing secrets stay until you retire them: retire those that belong to {editing.verifier} once the new sender is set up.
        </p>
      )}
    </ActionDialog>
  );
}
