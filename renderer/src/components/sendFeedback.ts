/** The words shown after "Send sample contract", as a pure function of what the intake answered. */
import type { DemoContractsSent } from '../../../preload/api';

export interface SendFeedback {
  tone: 'success' | 'warning';
  text: string;
  /** The contract id that names the new run (its client key), when one was accepted. */
  contractId: string | null;
}

export function sendFeedback(sent: DemoContractsSent, plan: string): SendFeedback {
  const delivery = sent.deliveries[0];
  if (!delivery) return { tone: 'warning', text: 'No sample contract was sent.', contractId: null };
  if (delivery.status >= 200 && delivery.status < 300) {
    return {
      tone: 'success',
      text: `Sample contract ${delivery.contractId} (${plan} plan) was accepted.`,
      contractId: delivery.contractId,
    };
  }
  if (delivery.status === 503) {
    // Not the verifier's doing: the intake is paused (Settings), or it could not store the delivery.
    return {
      tone: 'warning',
      text: `The intake did not take sample contract ${delivery.contractId} (HTTP 503: it is paused, or could not store it), so no run started. A paused intake is resumed in Settings.`,
      contractId: null,
    };
  }
  return {
    tone: 'warning',
    text: `The intake refused sample contract ${delivery.contractId} (HTTP ${delivery.status}), so no run started. See the endpoint's verifier in Endpoints.`,
    contractId: null,
  };
}
