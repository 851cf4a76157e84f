import { describe, expect, it } from 'vitest';
import type { WorkflowDocument, WorkflowStep } from './document';
import { addStep, dependentsOf, moveStep, orderByNeeds, readersOf, removeStep } from './steps';

const step = (id: string, needs: string[] = [], extra: Partial<WorkflowStep> = {}): WorkflowStep => ({ id, action: 'slack.postMessage', needs, input: {}, ...extra });
const doc = (...steps: WorkflowStep[]): WorkflowDocument => ({ id: 'wf', name: 'Workflow', trigger: { endpoint: 'contracts' }, steps });
const ids = (d: WorkflowDocument | null) => d?.steps.map((s) => s.id);

// The onboarding shape: customer, then channel -> invite -> welcome, and a Drive folder beside them.
const onboarding = doc(
  step('customer'),
  step('channel', ['customer']),
  step('invite', ['channel'], { input: { channel: '{{ steps.channel.output.id }}' } }),
  step('welcome', ['invite'], { input: { channel: '{{ steps.channel.output.id }}' }, when: "steps.invite.output.users.size() > 0" }),
  step('folder', ['customer']),
);

describe('addStep', () => {
  it('appends the step with its needs and input, and a name only when one was given', () => {
    const next = addStep(onboarding, { id: 'notify', name: '  Tell the team ', action: 'slack.postMessage', needs: ['welcome'], input: { text: 'hi' } });
    expect(ids(next)).toEqual(['customer', 'channel', 'invite', 'welcome', 'folder', 'notify']);
    expect(next.steps.at(-1)).toEqual({ id: 'notify', name: 'Tell the team', action: 'slack.postMessage', needs: ['welcome'], input: { text: 'hi' } });
    expect(addStep(onboarding, { id: 'x', name: ' ', action: 'http.request', needs: [], input: {} }).steps.at(-1)).not.toHaveProperty('name');
    expect(ids(onboarding)).toHaveLength(5);
  });
});

describe('removing a step', () => {
  it('finds the steps that need it and the ones that read its output', () => {
    expect(ids(doc(...dependentsOf(onboarding, 'channel')))).toEqual(['invite']);
    expect(ids(doc(...readersOf(onboarding, 'channel')))).toEqual(['invite', 'welcome']);
    expect(ids(doc(...readersOf(onboarding, 'invite')))).toEqual(['welcome']);
    // "steps.channel_2" is another step, not a read of "channel".
    expect(readersOf(doc(step('channel'), step('b', [], { input: { x: '{{ steps.channel_2.output }}' } })), 'channel')).toEqual([]);
  });

  it('gives the steps that needed it what it needed, so they keep their place', () => {
    const next = removeStep(onboarding, 'invite');
    expect(ids(next)).toEqual(['customer', 'channel', 'welcome', 'folder']);
    expect(next.steps.find((s) => s.id === 'welcome')!.needs).toEqual(['channel']);
  });

  it('drops a first step from the needs of the steps after it without inventing any', () => {
    const next = removeStep(onboarding, 'customer');
    expect(next.steps.map((s) => [s.id, s.needs])).toEqual([['channel', []], ['invite', ['channel']], ['welcome', ['invite']], ['folder', []]]);
  });

  it('lists an inherited need once', () => {
    const d = doc(step('a'), step('b', ['a']), step('c', ['a', 'b']));
    expect(removeStep(d, 'b').steps.find((s) => s.id === 'c')!.needs).toEqual(['a']);
  });

  it('leaves the document as it was for an unknown step', () => {
    expect(removeStep(onboarding, 'nope')).toBe(onboarding);
  });
});

describe('reordering', () => {
  it('moves a step past an unrelated one', () => {
    expect(ids(moveStep(onboarding, 'folder', -1))).toEqual(['customer', 'channel', 'invite', 'folder', 'welcome']);
    expect(ids(moveStep(onboarding, 'welcome', 1))).toEqual(['customer', 'channel', 'invite', 'folder', 'welcome']);
    expect(moveStep(onboarding, 'channel', 1)).toBeNull(); // invite needs it
  });

  it('refuses to move a step above one it needs, or off either end', () => {
    expect(moveStep(onboarding, 'invite', -1)).toBeNull();
    expect(moveStep(onboarding, 'customer', -1)).toBeNull();
    expect(moveStep(onboarding, 'folder', 1)).toBeNull();
  });

  it('orders steps after what they need, moving as few as it must', () => {
    const d = doc(step('welcome', ['invite']), step('customer'), step('invite', ['customer']), step('folder'));
    expect(ids(orderByNeeds(d))).toEqual(['customer', 'invite', 'welcome', 'folder']);
    expect(orderByNeeds(onboarding)).toBe(onboarding);
  });

  it('keeps the order when steps wait on each other in a circle', () => {
    const d = doc(step('a', ['b']), step('b', ['a']), step('c'));
    expect(orderByNeeds(d)).toBe(d);
  });
});
