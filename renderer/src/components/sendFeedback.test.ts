import { describe, expect, it } from 'vitest';
import { sendFeedback } from './sendFeedback';

describe('sendFeedback', () => {
  it('names the accepted contract so the app can link to its run', () => {
    expect(sendFeedback({ deliveries: [{ contractId: 'CT-1', status: 202 }] }, 'enterprise')).toEqual({
      tone: 'success',
      text: 'Sample contract CT-1 (enterprise plan) was accepted.',
      contractId: 'CT-1',
    });
  });

  it('says plainly when the intake refused it', () => {
    const feedback = sendFeedback({ deliveries: [{ contractId: 'CT-2', status: 401 }] }, 'standard');
    expect(feedback.tone).toBe('warning');
    expect(feedback.contractId).toBeNull();
    expect(feedback.text).toContain('HTTP 401');
  });

  it('points at a paused intake, not at the verifier, when the intake answered 503', () => {
    const feedback = sendFeedback({ deliveries: [{ contractId: 'CT-3', status: 503 }] }, 'standard');
    expect(feedback).toMatchObject({ tone: 'warning', contractId: null });
    expect(feedback.text).toContain('HTTP 503: it is paused');
    expect(feedback.text).not.toContain('verifier');
  });
});
