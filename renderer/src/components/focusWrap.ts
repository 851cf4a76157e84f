/**
 * Where Tab should go in a modal instead of leaving it. A modal <dialog> makes the page behind it inert, but
 * Tab past its last control still moves focus out of the document (to the browser's own toolbar), and from
 * there back to the page's start, so a keyboard user loses their place. The dialog wraps instead: past the
 * last stop to the first, and before the first to the last.
 *
 * `stops` are the dialog's tab stops in order; returns the stop to focus, or null to let the browser move
 * focus as usual (anywhere in the middle, or when focus is on something not in `stops`).
 */
export function wrapFocusTarget<T>(stops: readonly T[], active: T | null, backward: boolean): T | null {
  if (stops.length === 0 || active === null) return null;
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  if (backward) return active === first ? last : null;
  return active === last ? first : null;
}

/** What can take focus with Tab inside a container (disabled and hidden controls excluded). */
export const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
