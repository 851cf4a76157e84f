import { describe, expect, it } from 'vitest';
import type { WorkflowDocument, WorkflowStep } from './document';
import { cycleThrough, setNeeds, toggleNeed, waitingOn } from './needs';

const step = (id: string, needs: string[] = []): WorkflowStep => ({ id, action: 'slack.postMessage', needs });
const doc = (...steps: WorkflowStep[]): WorkflowDocument => ({ id: 'wf', name: 'Workflow', steps });
const chain = doc(step('customer'), step('channel', ['customer']), step('invite', ['channel']), step('folder', ['customer']));

describe('setNeeds', () => {
  it('keeps needs in document order, once each, and only steps that exist', () => {
    const next = setNeeds(chain, 'folder', ['invite', 'customer', 'invite', 'ghost']);
    expect(next.steps.find((s) => s.id === 'folder')!.needs).toEqual(['customer', 'invite']);
  });

  it('moves a step below a step it now needs', () => {
    const d = doc(step('a'), step('b'), step('c'));
    expect(setNeeds(d, 'a', ['c']).steps.map((s) => s.id)).toEqual(['b', 'c', 'a']);
  });

  it('adds and drops one need', () => {
    const on = toggleNeed(chain, 'folder', 'channel', true);
    expect(on.steps.find((s) => s.id === 'folder')!.needs).toEqual(['customer', 'channel']);
    expect(toggleNeed(on, 'folder', 'customer', false).steps.find((s) => s.id === 'folder')!.needs).toEqual(['channel']);
  });
});

describe('circles', () => {
  it('knows which steps wait on a step, directly or through others', () => {
    expect([...waitingOn(chain, 'customer')].sort()).toEqual(['channel', 'folder', 'invite']);
    expect([...waitingOn(chain, 'invite')]).toEqual([]);
  });

  it('names the circle a new need closes, from the step it runs through', () => {
    const closed = toggleNeed(chain, 'customer', 'invite', true);
    expect(cycleThrough(closed, 'customer')).toEqual(['customer', 'invite', 'channel', 'customer']);
    expect(cycleThrough(closed, 'channel')).toEqual(['channel', 'customer', 'invite', 'channel']);
    expect(cycleThrough(closed, 'folder')).toBeNull();
  });

  it('names a step that needs itself', () => {
    expect(cycleThrough(toggleNeed(chain, 'folder', 'folder', true), 'folder')).toEqual(['folder', 'folder']);
  });

  it('finds no circle in a workflow without one', () => {
    expect(chain.steps.map((s) => cycleThrough(chain, s.id))).toEqual([null, null, null, null]);
  });
});
