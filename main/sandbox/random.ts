/**
 * Seedable randomness for the fakes. Ids and random fault injection both draw from one generator per fake, so a
 * soak test that fails can be replayed exactly by passing the same `seed`.
 */

export type Rng = () => number;

/** mulberry32: tiny, fast, and good enough to spread faults and ids; not for anything secret. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 0xffffffff);
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const DIGITS = '0123456789';
export const URLSAFE = `${ALNUM}-_`;

export function randomString(rng: Rng, length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}

/** Ids must never collide inside one fake, even with an unlucky seed: retry until fresh. */
export function uniqueId(rng: Rng, taken: (id: string) => boolean, make: (rng: Rng) => string): string {
  for (;;) {
    const id = make(rng);
    if (!taken(id)) return id;
  }
}
