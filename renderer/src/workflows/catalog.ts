/**
 * The actions a step may use, as the core lists them (listConnectorActions), and what the editor derives from
 * them for a new step: a suggested id, a starting input mapping, and the actions grouped by connector.
 */
import type { CallOutput } from '../../../preload/api';
import type { WorkflowDocument } from './document';

export type StepCatalog = CallOutput<'listConnectorActions'>;
export type ActionInfo = StepCatalog['actions'][number];
export type ActionField = ActionInfo['fields'][number];

/** The core's rule for a step id (main/engine/workflow.ts), so a bad id is named before the check runs. */
const STEP_ID = /^[a-z][a-z0-9_]{0,62}$/;

/** `slack.postMessage` -> `slack_post_message`, numbered when the workflow already has that id. */
export function suggestStepId(doc: WorkflowDocument, action: string): string {
  const base =
    action
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .toLowerCase()
      .replace(/^[^a-z]+/, '')
      .slice(0, 56) || 'step';
  const taken = new Set(doc.steps.map((s) => s.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** Why an id cannot be used, or null. */
export function stepIdProblem(doc: WorkflowDocument, id: string): string | null {
  if (!STEP_ID.test(id)) return 'A step id is lower-case letters, digits and _, starting with a letter (at most 63).';
  if (doc.steps.some((s) => s.id === id)) return `There is already a step "${id}": choose another id.`;
  return null;
}

/**
 * A first input mapping: each field the action requires, with an empty value of its kind (a choice starts on
 * its first option). Optional fields are left out; the field list beside the editor names them.
 */
export function skeletonInput(action: ActionInfo): Record<string, unknown> {
  const empty = (field: ActionField): unknown => {
    switch (field.type) {
      case 'number':
        return 0;
      case 'boolean':
        return false;
      case 'list':
        return [];
      case 'object':
        return {};
      case 'choice':
        return field.default ?? field.choices?.[0] ?? '';
      default:
        return '';
    }
  };
  return Object.fromEntries(action.fields.filter((f) => f.required).map((f) => [f.name, empty(f)]));
}

export interface ConnectorGroup {
  connector: string;
  title: string;
  actions: ActionInfo[];
}

/** Actions under their connector, connectors in the order the core listed them first. */
export function byConnector(actions: readonly ActionInfo[]): ConnectorGroup[] {
  const groups = new Map<string, ConnectorGroup>();
  for (const action of actions) {
    const group = groups.get(action.connector) ?? { connector: action.connector, title: action.connectorTitle, actions: [] };
    group.actions.push(action);
    groups.set(action.connector, group);
  }
  return [...groups.values()];
}

/** "channel (text, required) · text (text, required)": what an action's input takes, in one line. */
export function describeFields(action: ActionInfo): string {
  return action.fields
    .map((f) => {
      const kind = f.type === 'choice' && f.choices ? f.choices.join(' | ') : f.format ? `${f.type}, ${f.format}` : f.type;
      return `${f.name} (${kind}${f.required ? ', required' : f.default !== undefined ? `, default ${JSON.stringify(f.default)}` : ', optional'})`;
    })
    .join(' · ');
}
