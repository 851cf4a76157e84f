import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { TABBABLE, wrapFocusTarget } from './focusWrap';

/**
 * A modal built on <dialog>: the page behind it is inert, Tab wraps inside it, Escape closes it, and focus
 * returns to the opener. Open while mounted; the parent unmounts it to close.
 */
export function Dialog({ title, onClose, children, testId, wide = false }: { title: string; onClose: () => void; children: ReactNode; testId?: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    // The browser gives focus back to the opener only when a dialog closes while still in the page; most close
    // by being unmounted (Cancel, a finished action), which would leave focus on <body>. So it is done here.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first control, the title's close button; the first field is where work starts.
      [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].find((el) => !el.closest('.dialog-head'))?.focus();
    }
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  function wrapTab(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab') return;
    const stops = [...event.currentTarget.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.getClientRects().length > 0);
    const target = wrapFocusTarget(stops, document.activeElement as HTMLElement | null, event.shiftKey);
    if (!target) return;
    event.preventDefault();
    target.focus();
  }

  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId} onClose={onClose} onKeyDown={wrapTab} data-testid={testId}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="toast-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
