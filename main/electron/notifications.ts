/**
 * Native notifications for runs that need attention (see attention-batcher.ts for when, attention-notice.ts
 * for what they say). Clicking one opens Keel at the run, or at the runs list for a grouped one.
 */
import { Notification } from 'electron';
import type { AttentionNotice } from './attention-batcher';
import { noticeContent } from './attention-notice';

/**
 * Notifications shown and not yet clicked or closed. Holding them keeps their click handlers alive: a
 * notification that is garbage-collected while still on screen no longer reports its click.
 */
const onScreen = new Set<Notification>();
/** Some notification servers never report a close; past this many, the oldest are let go. */
const MAX_HELD = 100;

export function notificationsSupported(): boolean {
  return Notification.isSupported();
}

/** Shows `notices`; `open(route)` brings the window up at a console route. */
export function showAttentionNotices(notices: AttentionNotice[], open: (route: string) => void, icon?: string): void {
  if (!Notification.isSupported()) return;
  for (const notice of notices) {
    const content = noticeContent(notice);
    showNotification(content.title, content.body, () => open(content.route), icon);
  }
}

export function showNotification(title: string, body: string, onClick: (() => void) | undefined, icon?: string): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title, body, ...(icon && { icon }) });
  onScreen.add(notification);
  for (const old of onScreen) {
    if (onScreen.size <= MAX_HELD) break;
    onScreen.delete(old);
  }
  const forget = () => onScreen.delete(notification);
  notification.on('click', () => {
    forget();
    onClick?.();
  });
  notification.on('close', forget);
  notification.on('failed', forget);
  notification.show();
}
