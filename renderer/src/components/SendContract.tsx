import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../keel';
import { href } from '../router/route';
import { useRuns } from '../state/runs';
import { sendFeedback, type SendFeedback } from './sendFeedback';

const plans = [
  { value: 'standard', label: 'Standard plan' },
  { value: 'enterprise', label: 'Enterprise plan' },
] as const;
type Plan = (typeof plans)[number]['value'];

type Outcome = { phase: 'idle' } | { phase: 'sending' } | { phase: 'done'; feedback: SendFeedback } | { phase: 'failed'; message: string };

/**
 * The quickest way to see Keel work: posts a signed sample contract to the local intake. The answer is
 * announced in a polite live region, and links to the new run as soon as its first event arrives.
 */
export function SendContract() {
  const [plan, setPlan] = useState<Plan>('standard');
  const [outcome, setOutcome] = useState<Outcome>({ phase: 'idle' });
  const contractId = outcome.phase === 'done' ? outcome.feedback.contractId : null;
  const runId = useRuns((s) => (contractId ? s.runs.find((r) => r.clientKey === contractId)?.id : undefined));

  // Success fades after a while (it was announced); warnings and errors stay until dismissed.
  useEffect(() => {
    if (outcome.phase !== 'done' || outcome.feedback.tone !== 'success') return;
    const hide = setTimeout(() => setOutcome({ phase: 'idle' }), 15_000);
    return () => clearTimeout(hide);
  }, [outcome]);

  async function send(event: FormEvent) {
    event.preventDefault();
    setOutcome({ phase: 'sending' });
    const result = await api.sendDemoContracts({ count: 1, plan });
    setOutcome(result.ok ? { phase: 'done', feedback: sendFeedback(result.value, plan) } : { phase: 'failed', message: result.error.message });
  }

  const sending = outcome.phase === 'sending';
  return (
    <form className="send" onSubmit={(e) => void send(e)}>
      <label className="visually-hidden" htmlFor="send-plan">
        Sample contract plan
      </label>
      <select
        id="send-plan"
        className="select"
        title="Enterprise contracts also get a shared Google Drive folder (a step that runs only when plan is enterprise)."
        value={plan} onChange={(e) => setPlan(e.target.value as Plan)} disabled={sending}>
        {plans.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-primary" data-testid="send-contract" disabled={sending} aria-busy={sending}>
        {sending ? 'Sending…' : 'Send sample contract'}
      </button>
      <div className={`toast ${outcome.phase === 'idle' ? 'toast-hidden' : `toast-${toneOf(outcome)}`}`} role="status" aria-live="polite" data-testid="send-feedback">
        {outcome.phase === 'sending' && 'Sending a sample contract…'}
        {outcome.phase === 'failed' && `Could not send the sample contract. ${outcome.message}`}
        {outcome.phase === 'done' && (
          <>
            {outcome.feedback.text}{' '}
            {outcome.feedback.contractId &&
              (runId ? <a href={href({ name: 'run', runId })}>Open its run</a> : 'Its run will appear in Runs.')}
          </>
        )}
        {outcome.phase !== 'idle' && outcome.phase !== 'sending' && (
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => setOutcome({ phase: 'idle' })}>
            ×
          </button>
        )}
      </div>
    </form>
  );
}

function toneOf(outcome: Outcome): string {
  if (outcome.phase === 'failed') return 'danger';
  if (outcome.phase === 'done') return outcome.feedback.tone;
  return 'info';
}
