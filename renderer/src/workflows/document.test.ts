import { describe, expect, it } from 'vitest';
import { setCompensation, type WorkflowDocument } from './document';

const doc: WorkflowDocument = { id: 'wf', name: 'Workflow', steps: [{ id: 'folder', action: 'googleDrive.createFolder', input: { name: 'x' } }, { id: 'share', action: 'googleDrive.shareFolder' }] };

describe('setCompensation', () => {
  it('sets what undoes one step and removes it again, leaving the other steps as they were', () => {
    const undo = { action: 'http.request', input: { url: 'https://example.test/folders/{{ steps.folder.output.id }}', method: 'DELETE' } };
    const set = setCompensation(doc, 'folder', undo);
    expect(set.steps[0]).toEqual({ id: 'folder', action: 'googleDrive.createFolder', input: { name: 'x' }, compensate: undo });
    expect(set.steps[1]).toBe(doc.steps[1]);
    expect(setCompensation(set, 'folder', null).steps[0]).toEqual(doc.steps[0]);
  });
});
