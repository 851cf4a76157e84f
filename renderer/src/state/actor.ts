/** Who is acting: asked once, remembered on this computer (never sent anywhere but with each action). */
const KEY = 'keel.actor.who';

export function rememberedWho(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberWho(who: string): void {
  try {
    localStorage.setItem(KEY, who.trim());
  } catch {
    // Storage refused (private mode): the user types it again next time, nothing breaks.
  }
}
