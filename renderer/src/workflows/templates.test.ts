import { describe, expect, it } from 'vitest';
import { previewMapping } from './templates';

describe('previewMapping', () => {
  const context = { trigger: { data: { client: { email: 'not-an-email', seats: 3 } } }, steps: { slack_channel: { output: { id: 'C123' } } } };

  it('resolves plain paths, keeping the type of a whole-value template', () => {
    expect(previewMapping({ channel: '{{ steps.slack_channel.output.id }}', emails: ['{{ trigger.data.client.email }}'], seats: '{{trigger.data.client.seats}}' }, context)).toEqual({
      channel: 'C123',
      emails: ['not-an-email'],
      seats: 3,
    });
  });

  it('interpolates inside text and leaves expressions it cannot resolve as written', () => {
    expect(previewMapping('client-{{ trigger.data.client.email }} / {{ steps.x.output.id }} / {{ trigger.data.id.lowerAscii() }}', context)).toBe(
      'client-not-an-email / {{ steps.x.output.id }} / {{ trigger.data.id.lowerAscii() }}',
    );
  });
});
