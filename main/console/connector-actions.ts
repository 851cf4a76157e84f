/**
 * What a workflow step may be, for the console's step editor: every `connector.action` with the fields its input
 * takes (read from the action's own zod schema, so the list cannot drift from what the connector accepts), and
 * the engine's defaults for what a step leaves out (read from the step schema, for the same reason).
 */
import { z } from 'zod';
import type { CallOutput } from '../../preload/api';
import type { ConnectorRegistry } from '../connectors/connector';
import { defaultRetryPolicy } from '../engine/retry-policy';
import { stepSchema } from '../engine/workflow';

type ConnectorActionsView = CallOutput<'listConnectorActions'>;
type ConnectorActionField = ConnectorActionsView['actions'][number]['fields'][number];

interface JsonSchemaNode {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
}

export function describeConnectorActions(registry: ConnectorRegistry): ConnectorActionsView {
  const actions = registry.connectors().flatMap((connector) =>
    Object.entries(connector.actions).map(([name, action]) => ({
      action: `${connector.id}.${name}`,
      connector: connector.id,
      connectorTitle: connector.title,
      title: action.title,
      fields: describeInput(action.input),
    })),
  );
  actions.sort((a, b) => a.action.localeCompare(b.action));
  return {
    actions,
    defaults: { retry: { ...defaultRetryPolicy }, timeoutMs: stepSchema.shape.timeoutMs.parse(undefined) },
  };
}

/** The top-level fields of an action's input, as a person fills them in (before defaults and transforms). */
export function describeInput(input: z.ZodType): ConnectorActionField[] {
  // `any` for what JSON Schema cannot say (a transform's output): the input side is what the step writes.
  const schema = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, node]) => ({
    name,
    type: fieldType(node),
    required: required.has(name),
    ...(node.format && { format: node.format }),
    ...(node.enum && { choices: node.enum.map(String) }),
    ...(node.default !== undefined && { default: node.default }),
    ...(node.description && { description: node.description }),
  }));
}

function fieldType(node: JsonSchemaNode): ConnectorActionField['type'] {
  if (node.enum) return 'choice';
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
  switch (type) {
    case 'string':
      return 'text';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'list';
    case 'object':
      return 'object';
    default:
      return 'any';
  }
}
