import type { EndpointProviderView, EndpointSettingField } from '../../../../preload/api';
import type { EndpointForm } from './endpointForm';

/** The settings the chosen provider's verifier reads, and only those; empty ones take the default shown. */
export function ProviderSettingsFields({ provider, form, onChange }: { provider: EndpointProviderView; form: EndpointForm; onChange: (settings: EndpointForm['settings']) => void }) {
  if (provider.fields.length === 0) return null;
  const set = (name: string, value: string | boolean) => onChange({ ...form.settings, [name]: value });
  return (
    <fieldset className="radios" data-testid="endpoint-settings" data-provider={provider.provider}>
      <legend>{provider.title} settings</legend>
      <div className="field-row">
        {provider.fields.map((field) => (
          <SettingField key={field.name} field={field} value={form.settings[field.name]} onChange={(value) => set(field.name, value)} />
        ))}
      </div>
    </fieldset>
  );
}

function SettingField({ field, value, onChange }: { field: EndpointSettingField; value: string | boolean | undefined; onChange: (value: string | boolean) => void }) {
  const testId = `endpoint-setting-${field.name}`;
  const hint = [field.description, field.default !== undefined && field.type !== 'boolean' ? `Empty: ${String(field.default)}.` : ''].filter(Boolean).join(' ');
  if (field.type === 'boolean') {
    return (
      <label className="check field-grow">
        <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
        {field.label}
      </label>
    );
  }
  const text = typeof value === 'string' ? value : '';
  return (
    <label className={field.type === 'list' || field.type === 'text' ? 'field field-grow' : 'field'}>
      <span>
        {field.label}
        {field.required ? '' : <span className="muted"> (optional)</span>}
      </span>
      {field.type === 'choice' ? (
        <select className="input" value={text} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          <option value="">{field.default !== undefined ? `Default (${String(field.default)})` : 'Choose…'}</option>
          {field.choices!.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      ) : (
        <input
          className="input"
          type={field.type === 'number' ? 'number' : field.type === 'datetime' ? 'datetime-local' : 'text'}
          required={field.required}
          value={text}
          placeholder={field.placeholder}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
      )}
      {hint && <span className="muted small">{field.type === 'list' ? `Separate them with commas. ${hint}` : hint}</span>}
    </label>
  );
}
