import { describe, expect, it } from 'vitest';
import type { Actor } from '../../preload/api';
import { desktopUserName, trayIntakeSwitch, type IntakePauseLike } from './intake-switch';

class RecordingPause implements IntakePauseLike {
  paused = false;
  readonly actors: [string, Actor][] = [];
  pause(actor: Actor) {
    this.actors.push(['pause', actor]);
    this.paused = true;
  }
  resume(actor: Actor) {
    this.actors.push(['resume', actor]);
    this.paused = false;
  }
}

describe('the tray\'s intake switch', () => {
  it('pauses and resumes the core\'s intake as the computer\'s user, saying the tray did it', async () => {
    const core = new RecordingPause();
    const tray = trayIntakeSwitch(core, 'dana');
    await tray.pause();
    expect(tray.paused).toBe(true);
    await tray.resume();
    expect(tray.paused).toBe(false);
    expect(core.actors).toEqual([
      ['pause', { who: 'dana', why: 'Paused from the tray menu (no reason asked there)' }],
      ['resume', { who: 'dana', why: 'Resumed from the tray menu (no reason asked there)' }],
    ]);
  });

  it('names someone even when the OS gives no user name (the ledger requires who)', async () => {
    const core = new RecordingPause();
    const noEntry = desktopUserName(() => {
      throw new Error('ENOENT: no passwd entry for uid 1234');
    });
    expect(noEntry).toBe('');
    await trayIntakeSwitch(core, noEntry).pause();
    expect(core.actors[0]![1].who).toBe('desktop user');
  });
});
