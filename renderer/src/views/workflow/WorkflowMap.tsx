import type { StepStatus } from '../../../../preload/api';
import { statusLabel } from '../../format/status';
import { layoutMap, NODE_H, NODE_W } from '../../map/layout';
import { describeRetry, type WorkflowDocument } from '../../workflows/document';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The workflow as a flowchart, with a chosen run's step statuses overlaid when given. */
export function WorkflowMap({ document, statuses }: { document: WorkflowDocument; statuses?: Map<string, StepStatus> }) {
  const layout = layoutMap(document.steps);
  const failure = document.alerts ? 'fails: alert' : 'fails: attention';
  return (
    <div className="map" data-testid="workflow-map">
      {layout.problems.length > 0 && (
        <ul className="problems">
          {layout.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby="map-title map-desc">
        <title id="map-title">{`Flowchart of ${document.name}`}</title>
        <desc id="map-desc">
          {document.steps.map((s) => `${s.name ?? s.id} (${s.action})${s.needs?.length ? ` after ${s.needs.join(', ')}` : ''}${s.when ? ` when ${s.when}` : ''}${statuses?.get(s.id) ? `: ${statusLabel(statuses.get(s.id)!)}` : ''}`).join('; ')}
        </desc>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="map-arrow" />
          </marker>
        </defs>
        {layout.edges.map((edge) => {
          const { x1, y1, x2, y2 } = edge.points;
          const midY = (y1 + y2) / 2;
          return (
            <g key={`${edge.from}-${edge.to}`} data-testid="map-edge" data-from={edge.from} data-to={edge.to}>
              <path d={`M ${x1} ${y1} C ${x1} ${midY}, ${x2} ${midY}, ${x2} ${y2 - 2}`} className={edge.condition ? 'map-edge map-edge-conditional' : 'map-edge'} markerEnd="url(#arrow)" />
              {edge.condition && (
                <g>
                  <rect x={(x1 + x2) / 2 - 150} y={midY - 10} width={300} height={18} rx={4} className="map-cond-bg" />
                  <text x={(x1 + x2) / 2} y={midY + 3} textAnchor="middle" className="map-cond">
                    <title>{`when ${edge.condition}`}</title>
                    {clip(`when ${edge.condition}`, 46)}
                  </text>
                </g>
              )}
            </g>
          );
        })}
        {layout.nodes.map((node) => {
          const status = statuses?.get(node.step.id);
          return (
            <g key={node.step.id} className={`map-node${status ? ` st-${status}` : ''}`} transform={`translate(${node.x} ${node.y})`} data-testid="map-node" data-step-id={node.step.id} data-status={status ?? ''}>
              <rect width={NODE_W} height={NODE_H} rx={8} />
              <text x={10} y={20} className="map-title">
                {clip(node.step.name ?? node.step.id, 26)}
              </text>
              <text x={10} y={38} className="map-sub">
                {clip(node.step.action, 30)}
              </text>
              <text x={10} y={55} className="map-sub">
                {clip(`${describeRetry(node.step.retry)} · ${failure}`, 30)}
              </text>
              {status && (
                <text x={10} y={70} className="map-sub">
                  {statusLabel(status)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
