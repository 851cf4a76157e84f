/** The ledger's entry kinds (main/ledger/entry.ts), for the kind filter, in the order a run meets them. */
export const LEDGER_KINDS: { kind: string; label: string }[] = [
  { kind: 'delivery.accepted', label: 'Delivery accepted' },
  { kind: 'delivery.duplicate', label: 'Delivery duplicate' },
  { kind: 'delivery.rejected', label: 'Delivery rejected' },
  { kind: 'run.created', label: 'Run created' },
  { kind: 'run.status', label: 'Run status' },
  { kind: 'step.status', label: 'Step status' },
  { kind: 'attempt.started', label: 'Attempt started' },
  { kind: 'attempt.finished', label: 'Attempt finished' },
  { kind: 'http.exchange', label: 'HTTP request and response' },
  { kind: 'operator.action', label: 'Operator action' },
  { kind: 'breaker.changed', label: 'Breaker changed' },
  { kind: 'notification.sent', label: 'Notification sent' },
  { kind: 'tunnel.changed', label: 'Tunnel changed' },
  { kind: 'config.changed', label: 'Configuration changed' },
];
