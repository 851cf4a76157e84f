/**
 * The workflow flowchart's geometry: steps ranked by their longest chain of `needs` (a step sits one rank below
 * the deepest step it needs), ranks drawn top to bottom, steps in a rank side by side in document order, and one
 * edge per `needs` entry carrying the target step's condition. Pure, so tested without a DOM.
 */
import type { WorkflowStep } from '../workflows/document';

export interface MapNode {
  step: WorkflowStep;
  rank: number;
  x: number;
  y: number;
}
export interface MapEdge {
  from: string;
  to: string;
  /** The target's `when`: the edge is only taken when it holds. */
  condition: string | null;
  points: { x1: number; y1: number; x2: number; y2: number };
}
export interface MapLayout {
  nodes: MapNode[];
  edges: MapEdge[];
  width: number;
  height: number;
  /** Steps naming a `needs` that does not exist, or in a cycle: drawn in the last rank and listed. */
  problems: string[];
}

export const NODE_W = 220;
export const NODE_H = 76;
export const GAP_X = 40;
export const GAP_Y = 70;
export const PAD = 20;

export function layoutMap(steps: readonly WorkflowStep[]): MapLayout {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const problems: string[] = [];
  const rank = new Map<string, number>();
  const visiting = new Set<string>();

  function rankOf(id: string): number {
    const known = rank.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) {
      problems.push(`Step "${id}" is part of a cycle of needs.`);
      return 0;
    }
    visiting.add(id);
    const step = byId.get(id)!;
    let r = 0;
    for (const need of step.needs ?? []) {
      if (!byId.has(need)) {
        problems.push(`Step "${id}" needs "${need}", which is not a step of this workflow.`);
        continue;
      }
      r = Math.max(r, rankOf(need) + 1);
    }
    visiting.delete(id);
    rank.set(id, r);
    return r;
  }
  for (const step of steps) rankOf(step.id);

  const ranks: WorkflowStep[][] = [];
  for (const step of steps) (ranks[rank.get(step.id)!] ??= []).push(step);
  const widest = Math.max(1, ...ranks.map((r) => r?.length ?? 0));
  const width = PAD * 2 + widest * NODE_W + (widest - 1) * GAP_X;
  const nodes: MapNode[] = [];
  ranks.forEach((row, r) => {
    if (!row) return;
    const rowWidth = row.length * NODE_W + (row.length - 1) * GAP_X;
    const left = (width - rowWidth) / 2;
    row.forEach((step, i) => nodes.push({ step, rank: r, x: left + i * (NODE_W + GAP_X), y: PAD + r * (NODE_H + GAP_Y) }));
  });
  const at = new Map(nodes.map((n) => [n.step.id, n]));
  const edges: MapEdge[] = [];
  for (const node of nodes) {
    for (const need of node.step.needs ?? []) {
      const from = at.get(need);
      if (!from) continue;
      edges.push({
        from: need,
        to: node.step.id,
        condition: node.step.when?.trim() || null,
        points: { x1: from.x + NODE_W / 2, y1: from.y + NODE_H, x2: node.x + NODE_W / 2, y2: node.y },
      });
    }
  }
  const height = PAD * 2 + ranks.length * NODE_H + Math.max(0, ranks.length - 1) * GAP_Y;
  return { nodes, edges, width, height, problems: [...new Set(problems)] };
}
