import { describe, expect, it } from 'vitest';
import { mentionsStep, placeProblems } from './problems';

describe('placing check problems', () => {
  const ids = ['slack_channel', 'slack_invite', 'slack', 'drive_folder'];

  it('puts a problem beside the step it names, and only that one', () => {
    const problem = 'step "slack_invite", input.channel: it reads steps.slack_channel, which is not among the steps it needs';
    expect(ids.filter((id) => mentionsStep(problem, id))).toEqual(['slack_invite']);
  });

  it('puts a circle beside every step in it', () => {
    const { byStep, general } = placeProblems(['needs: the steps slack_channel -> slack_invite -> slack_channel wait on each other in a circle'], ids);
    expect([...byStep].filter(([, p]) => p.length).map(([id]) => id)).toEqual(['slack_channel', 'slack_invite']);
    expect(general).toEqual([]);
  });

  it('keeps problems about no step general', () => {
    const { byStep, general } = placeProblems(['trigger.clientKey: unexpected end of input', 'step "drive_folder", when: bad'], ids);
    expect(general).toEqual(['trigger.clientKey: unexpected end of input']);
    expect(byStep.get('drive_folder')).toEqual(['step "drive_folder", when: bad']);
  });
});
