import { describe, expect, it } from 'vitest';
import type { WorkflowStep } from '../workflows/document';
import { layoutMap, NODE_H, NODE_W } from './layout';

/** The steps of resources/workflows/client-onboarding.json (the renderer may not import resources/). */
const onboarding: { steps: WorkflowStep[] } = {
  steps: [
    { id: 'stripe_customer', action: 'stripe.createCustomer' },
    { id: 'asana_project', action: 'asana.createProject', needs: ['stripe_customer'] },
    { id: 'slack_channel', action: 'slack.createChannel', needs: ['stripe_customer'] },
    { id: 'slack_invite', action: 'slack.inviteByEmail', needs: ['slack_channel'] },
    { id: 'slack_welcome', action: 'slack.postMessage', needs: ['slack_invite'] },
    { id: 'drive_folder', action: 'googleDrive.createFolder', needs: ['stripe_customer'], when: "trigger.data.plan == 'enterprise'" },
    { id: 'drive_share', action: 'googleDrive.shareFolder', needs: ['drive_folder'] },
  ],
};

describe('layoutMap', () => {
  it('ranks the onboarding workflow by its needs and draws one edge per need', () => {
    const layout = layoutMap(onboarding.steps);
    const rank = (id: string) => layout.nodes.find((n) => n.step.id === id)!.rank;
    expect(rank('stripe_customer')).toBe(0);
    expect([rank('asana_project'), rank('slack_channel'), rank('drive_folder')]).toEqual([1, 1, 1]);
    expect(rank('slack_invite')).toBe(2);
    expect(rank('slack_welcome')).toBe(3);
    expect(layout.edges).toHaveLength(6);
    expect(layout.edges.find((e) => e.to === 'drive_folder')!.condition).toBe("trigger.data.plan == 'enterprise'");
    expect(layout.edges.find((e) => e.to === 'asana_project')!.condition).toBeNull();
    expect(layout.problems).toEqual([]);
  });

  it('never overlaps nodes and keeps them inside the drawing', () => {
    const { nodes, width, height } = layoutMap(onboarding.steps);
    for (const a of nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.x + NODE_W).toBeLessThanOrEqual(width);
      expect(a.y + NODE_H).toBeLessThanOrEqual(height);
      for (const b of nodes) {
        if (a === b) continue;
        const apart = a.x + NODE_W <= b.x || b.x + NODE_W <= a.x || a.y + NODE_H <= b.y || b.y + NODE_H <= a.y;
        expect(apart, `${a.step.id} / ${b.step.id}`).toBe(true);
      }
    }
  });

  it('edges run downwards from the needed step to the step that needs it', () => {
    for (const edge of layoutMap(onboarding.steps).edges) expect(edge.points.y2).toBeGreaterThan(edge.points.y1);
  });

  it('names unknown needs and cycles instead of looping', () => {
    const layout = layoutMap([
      { id: 'a', action: 'x', needs: ['b'] },
      { id: 'b', action: 'x', needs: ['a'] },
      { id: 'c', action: 'x', needs: ['ghost'] },
    ]);
    expect(layout.nodes).toHaveLength(3);
    expect(layout.problems.some((p) => p.includes('cycle'))).toBe(true);
    expect(layout.problems).toContain('Step "c" needs "ghost", which is not a step of this workflow.');
  });
});
