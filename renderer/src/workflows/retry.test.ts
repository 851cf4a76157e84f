import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from './document';
import { attemptFields, durationWords, initialText, parseAttemptText, setAttemptValue, type AttemptDefaults, type AttemptKey } from './retry';

const defaults: AttemptDefaults = { retry: { maxAttempts: 8, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 300_000, deadlineMs: 86_400_000 }, timeoutMs: 30_000 };
const field = (key: AttemptKey) => attemptFields.find((f) => f.key === key)!;
const doc: WorkflowDocument = { id: 'wf', name: 'Workflow', steps: [{ id: 'post', action: 'slack.postMessage' }] };
const post = (d: WorkflowDocument) => d.steps[0]!;

describe('retry policy fields', () => {
  it('offers every field of the engine policy, and the attempt timeout', () => {
    expect(attemptFields.map((f) => f.key)).toEqual(['maxAttempts', 'initialDelayMs', 'multiplier', 'maxDelayMs', 'deadlineMs', 'timeoutMs']);
  });

  it('reads durations in seconds and stores milliseconds', () => {
    expect(parseAttemptText(field('initialDelayMs'), '2.5')).toEqual({ ok: true, value: 2500 });
    expect(parseAttemptText(field('maxAttempts'), ' 3 ')).toEqual({ ok: true, value: 3 });
    expect(parseAttemptText(field('multiplier'), '1.5')).toEqual({ ok: true, value: 1.5 });
  });

  it('takes an empty field as the default and names what is wrong with anything else', () => {
    expect(parseAttemptText(field('deadlineMs'), '  ')).toEqual({ ok: true, value: undefined });
    expect(parseAttemptText(field('maxAttempts'), '2.5')).toEqual({ ok: false, problem: 'Attempts in all: write a whole number.' });
    expect(parseAttemptText(field('timeoutMs'), 'ten')).toMatchObject({ ok: false, problem: expect.stringContaining('leave it empty for the default') });
    expect(parseAttemptText(field('maxDelayMs'), '-1').ok).toBe(false);
  });

  it('sets fields, and removes the policy once no field is left, so the defaults apply', () => {
    let d = setAttemptValue(doc, 'post', 'maxAttempts', 3);
    d = setAttemptValue(d, 'post', 'initialDelayMs', 2000);
    expect(post(d).retry).toEqual({ maxAttempts: 3, initialDelayMs: 2000 });
    d = setAttemptValue(d, 'post', 'maxAttempts', undefined);
    expect(post(d).retry).toEqual({ initialDelayMs: 2000 });
    d = setAttemptValue(d, 'post', 'initialDelayMs', undefined);
    expect(post(d)).not.toHaveProperty('retry');
  });

  it('sets and clears the attempt timeout beside the policy', () => {
    const d = setAttemptValue(doc, 'post', 'timeoutMs', 5000);
    expect(post(d)).toEqual({ id: 'post', action: 'slack.postMessage', timeoutMs: 5000 });
    expect(post(setAttemptValue(d, 'post', 'timeoutMs', undefined))).toEqual({ id: 'post', action: 'slack.postMessage' });
  });

  it('starts a field empty when the step leaves it to the engine or spells out the default', () => {
    const written = { id: 'post', action: 'slack.postMessage', timeoutMs: 30_000, retry: { ...defaults.retry, maxAttempts: 3, initialDelayMs: 1500 } };
    expect(attemptFields.map((f) => initialText(f, written, defaults))).toEqual(['3', '1.5', '', '', '', '']);
    expect(initialText(field('maxAttempts'), post(doc), defaults)).toBe('');
    // Before the defaults are known, a written value is shown as it is.
    expect(initialText(field('timeoutMs'), written, null)).toBe('30');
  });

  it('says a default in words', () => {
    expect([500, 1000, 30_000, 300_000, 86_400_000, 172_800_000, 90_000].map(durationWords)).toEqual(['500 ms', '1 s', '30 s', '5 min', '1 day', '2 days', '90 s']);
  });
});
