import { useState } from 'react';
import type { EndpointView } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { api } from '../../keel';

/**
 * On or off, and the switch. Turning off is how an endpoint is retired: deliveries are answered 404 "turned off"
 * (and recorded), while its deliveries and runs stay. Turning on an unsigned endpoint asks for the same
 * confirmation as creating one.
 */
export function EndpointStatus({ endpoint, onChanged }: { endpoint: EndpointView; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [allowUnsigned, setAllowUnsigned] = useState(false);
  const turningOn = !endpoint.enabled;
  const needsConfirmation = turningOn && !endpoint.authenticates;
  return (
    <div data-testid="endpoint-status" data-enabled={endpoint.enabled}>
      <span className="pill" data-state={endpoint.enabled ? 'on' : 'off'}>
        {endpoint.enabled ? 'On' : 'Off'}
      </span>{' '}
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)} data-testid="toggle-endpoint">
        {turningOn ? 'Turn on' : 'Turn off'}
      </button>
      {open && (
        <ActionDialog<EndpointView>
          title={`${turningOn ? 'Turn on' : 'Turn off'} ${endpoint.slug}`}
          testId="endpoint-toggle-dialog"
          submitLabel={turningOn ? 'Turn on' : 'Turn off'}
          danger={!turningOn}
          blocked={needsConfirmation && !allowUnsigned ? 'Confirm that anyone who knows the URL can start runs.' : null}
          description={
            <p>
              {turningOn
                ? 'Deliveries to this endpoint are verified and start its workflow again.'
                : 'Deliveries are answered 404 "turned off" and recorded; senders that retry will send them again once it is back on. Its history stays.'}
            </p>
          }
          onSubmit={(actor) => api.setEndpointEnabled({ slug: endpoint.slug, enabled: turningOn, allowUnsigned: needsConfirmation && allowUnsigned, actor })}
          onDone={() => {
            setOpen(false);
            onChanged();
          }}
          onClose={() => setOpen(false)}
        >
          {needsConfirmation && (
            <label className="check warning-text">
              <input type="checkbox" checked={allowUnsigned} onChange={(e) => setAllowUnsigned(e.target.checked)} data-testid="endpoint-allow-unsigned" />
              Unsafe: no signature is checked, so anyone who knows the URL can start runs. I understand.
            </label>
          )}
        </ActionDialog>
      )}
    </div>
  );
}
