import { useState, type FormEvent, type ReactNode } from 'react';
import type { Actor, ConsoleError, Result } from '../../../preload/api';
import { rememberedWho, rememberWho } from '../state/actor';
import { Dialog } from './Dialog';

export interface ActionDialogProps<T> {
  title: string;
  /** What will happen, in words (how many runs, which step). */
  description: ReactNode;
  submitLabel: string;
  /** The reason field's label: "Why" by default; "Note" for a skip. */
  whyLabel?: string;
  danger?: boolean;
  testId?: string;
  children?: ReactNode;
  /** Runs the action; a failed Result keeps the dialog open with the error in words. */
  onSubmit(actor: Actor): Promise<Result<T>>;
  onDone(value: T): void;
  onClose(): void;
  /** Extra validation before sending (e.g. the JSON editor's parse error). */
  blocked?: string | null;
  wide?: boolean;
}

/** Every operator action asks who and why (both recorded in the ledger); "who" is remembered locally. */
export function ActionDialog<T>(props: ActionDialogProps<T>) {
  const [who, setWho] = useState(rememberedWho);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (props.blocked) return;
    setBusy(true);
    setError(null);
    rememberWho(who);
    const result = await props.onSubmit({ who: who.trim(), why: why.trim() });
    setBusy(false);
    if (result.ok) props.onDone(result.value);
    else setError(result.error);
  }

  return (
    <Dialog title={props.title} onClose={props.onClose} testId={props.testId} wide={props.wide}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <div className="dialog-description">{props.description}</div>
        {props.children}
        <div className="field-row">
          <label className="field">
            <span>Who is acting</span>
            <input className="input" required maxLength={120} value={who} onChange={(e) => setWho(e.target.value)} autoComplete="name" data-testid="actor-who" />
          </label>
          <label className="field field-grow">
            <span>{props.whyLabel ?? 'Why'} <span className="muted">(recorded in the ledger)</span></span>
            <input className="input" required maxLength={2000} value={why} onChange={(e) => setWhy(e.target.value)} data-testid="actor-why" />
          </label>
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="action-error">
            {error.message}
          </p>
        )}
        {props.blocked && <p className="form-error" role="alert">{props.blocked}</p>}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={props.danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy || Boolean(props.blocked)} aria-busy={busy} data-testid="action-submit">
            {busy ? 'Working…' : props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
