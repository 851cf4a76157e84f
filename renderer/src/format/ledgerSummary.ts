/**
 * One line per ledger entry for the run detail's ledger table. Payloads are `unknown` in the contract, so each
 * kind is read defensively; anything unexpected falls back to compact JSON rather than failing.
 */
import type { LedgerEntryView } from '../../../preload/api';
import { compactJson } from './json';

type Fields = Record<string, unknown>;

const asFields = (v: unknown): Fields => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Fields) : {});
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
const join = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join(' ');

function transition(p: Fields, subject: string | undefined): string | undefined {
  const from = text(p.from);
  const to = text(p.to);
  if (!to) return undefined;
  const reason = text(p.reason);
  return join(subject && `${subject}:`, from ? `${from} → ${to}` : to, reason && `— ${reason}`);
}

function failureText(v: unknown): string | undefined {
  const f = asFields(v);
  const message = text(f.message);
  return message && join(text(f.kind) && `${text(f.kind)}:`, message);
}

function httpExchange(p: Fields, connector: string | null): string | undefined {
  const request = asFields(p.request);
  const response = asFields(p.response);
  const method = text(request.method) ?? text(p.method);
  const url = text(request.url) ?? text(p.url);
  const status = text(response.status) ?? text(p.status);
  if (!method && !url) return undefined;
  const error = text(p.error);
  return join(connector ? `${connector}:` : undefined, method, url, '→', status ?? (error ? `no response (${error})` : 'no response'));
}

export function summarizeLedgerEntry(entry: Pick<LedgerEntryView, 'kind' | 'payload' | 'stepId' | 'connector'>): string {
  const p = asFields(entry.payload);
  const step = entry.stepId ?? undefined;
  let line: string | undefined;
  switch (entry.kind) {
    case 'run.created':
      line = join('run created from', text(p.workflowId), text(p.version) && `v${text(p.version)}`,
        Array.isArray(p.steps) && `with ${p.steps.length} steps`);
      break;
    case 'run.status':
      line = transition(p, 'run');
      break;
    case 'step.status':
      line = transition(p, step);
      break;
    case 'attempt.started':
      line = join(step && `${step}:`, `attempt ${text(p.number) ?? '?'} started`, text(p.action) && `(${text(p.action)})`);
      break;
    case 'attempt.finished':
      line = join(step && `${step}:`, `attempt ${text(p.number) ?? '?'}`, text(p.status) ?? 'finished',
        p.adopted === true && '(adopted an earlier result)', failureText(p.failure) && `— ${failureText(p.failure)}`);
      break;
    case 'http.exchange':
      line = httpExchange(p, entry.connector);
      break;
  }
  return line || compactJson(entry.payload);
}
