import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './route';

describe('parseRoute', () => {
  it('opens on the runs list', () => {
    expect(parseRoute('')).toEqual({ name: 'runs' });
    expect(parseRoute('#/')).toEqual({ name: 'runs' });
    expect(parseRoute('#/runs/')).toEqual({ name: 'runs' });
  });

  it('round-trips run ids, even odd ones', () => {
    const runId = 'run 1/ä?';
    expect(parseRoute(href({ name: 'run', runId }))).toEqual({ name: 'run', runId });
  });

  it('knows the other pages and nothing else', () => {
    expect(parseRoute('#/workflows')).toEqual({ name: 'workflows' });
    expect(parseRoute('#/endpoints')).toEqual({ name: 'endpoints' });
    expect(parseRoute('#/nope')).toEqual({ name: 'not_found', path: 'nope' });
    expect(parseRoute('#/runs/a/b')).toEqual({ name: 'not_found', path: 'runs/a/b' });
    expect(parseRoute('#/runs/%E0%A4%A')).toEqual({ name: 'not_found', path: 'runs/%E0%A4%A' });
  });
});

describe('the console pages added with the operator views', () => {
  it('round-trips workflow ids and knows attention and ledger', () => {
    expect(parseRoute(href({ name: 'workflow', workflowId: 'client-onboarding' }))).toEqual({ name: 'workflow', workflowId: 'client-onboarding' });
    expect(parseRoute('#/attention')).toEqual({ name: 'attention' });
    expect(parseRoute('#/ledger')).toEqual({ name: 'ledger' });
    expect(parseRoute('#/ledger/x')).toEqual({ name: 'not_found', path: 'ledger/x' });
  });
});

describe('connections and settings', () => {
  it('are pages of their own', () => {
    expect(parseRoute(href({ name: 'connections' }))).toEqual({ name: 'connections' });
    expect(parseRoute(href({ name: 'settings' }))).toEqual({ name: 'settings' });
    expect(parseRoute('#/settings/x')).toEqual({ name: 'not_found', path: 'settings/x' });
  });
});
