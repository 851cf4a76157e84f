import { describe, expect, it } from 'vitest';
import { consoleCallNames } from '../../../preload/api';
import { createApi } from './transport';

describe('createApi', () => {
  it('has one function per call in the contract, routed by name', async () => {
    const api = createApi(async (name, input) => ({ ok: true, value: { name, input } }));
    expect(Object.keys(api).sort()).toEqual([...consoleCallNames].sort());
    expect(await api.getRun({ runId: 'r1' })).toEqual({ ok: true, value: { name: 'getRun', input: { runId: 'r1' } } });
  });

  it('turns a throwing transport into an error Result', async () => {
    const api = createApi(async () => {
      throw new Error('ipc closed');
    });
    const result = await api.listWorkflows({});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('ipc closed') } });
  });
});
