import { describe, expect, it } from 'vitest';
import { byConnector, describeFields, skeletonInput, stepIdProblem, suggestStepId, type ActionInfo } from './catalog';
import type { WorkflowDocument } from './document';

const doc: WorkflowDocument = { id: 'wf', name: 'Workflow', steps: [{ id: 'slack_post_message', action: 'slack.postMessage' }, { id: 'slack_post_message_2', action: 'slack.postMessage' }] };

const postMessage: ActionInfo = {
  action: 'slack.postMessage', connector: 'slack', connectorTitle: 'Slack', title: 'Post a message',
  fields: [{ name: 'channel', type: 'text', required: true }, { name: 'text', type: 'text', required: true }],
};
const request: ActionInfo = {
  action: 'http.request', connector: 'http', connectorTitle: 'HTTP', title: 'Send an HTTP request',
  fields: [
    { name: 'method', type: 'choice', required: false, choices: ['GET', 'POST'], default: 'POST' },
    { name: 'url', type: 'text', required: true, format: 'uri' },
    { name: 'headers', type: 'object', required: false, default: {} },
    { name: 'body', type: 'any', required: false },
  ],
};
const createChannel: ActionInfo = { ...postMessage, action: 'slack.createChannel', title: 'Create channel', fields: [{ name: 'name', type: 'text', required: true }, { name: 'seats', type: 'number', required: true }, { name: 'private', type: 'boolean', required: true }, { name: 'emails', type: 'list', required: true }, { name: 'tier', type: 'choice', required: true, choices: ['a', 'b'] }] };

describe('a new step from an action', () => {
  it('suggests an id from the action, numbered past the ids already taken', () => {
    expect(suggestStepId(doc, 'http.request')).toBe('http_request');
    expect(suggestStepId(doc, 'googleDrive.createFolder')).toBe('google_drive_create_folder');
    expect(suggestStepId(doc, 'slack.postMessage')).toBe('slack_post_message_3');
  });

  it('names what is wrong with an id', () => {
    expect(stepIdProblem(doc, 'notify_team')).toBeNull();
    expect(stepIdProblem(doc, 'Notify')).toContain('lower-case');
    expect(stepIdProblem(doc, '1st')).toContain('starting with a letter');
    expect(stepIdProblem(doc, 'slack_post_message')).toBe('There is already a step "slack_post_message": choose another id.');
  });

  it('starts the input mapping with the required fields, each empty in its kind', () => {
    expect(skeletonInput(postMessage)).toEqual({ channel: '', text: '' });
    expect(skeletonInput(request)).toEqual({ url: '' });
    expect(skeletonInput(createChannel)).toEqual({ name: '', seats: 0, private: false, emails: [], tier: 'a' });
  });

  it('groups actions under their connector', () => {
    expect(byConnector([request, postMessage, createChannel]).map((g) => [g.title, g.actions.map((a) => a.action)])).toEqual([
      ['HTTP', ['http.request']],
      ['Slack', ['slack.postMessage', 'slack.createChannel']],
    ]);
  });

  it('says in one line what an action takes', () => {
    expect(describeFields(request)).toBe('method (GET | POST, default "POST") · url (text, uri, required) · headers (object, default {}) · body (any, optional)');
  });
});
