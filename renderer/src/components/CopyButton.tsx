import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `text`, confirms in words for screen readers too, and says what to do when the clipboard refuses. */
export function CopyButton({ text, label, caption, testId }: { text: string; label: string; caption?: string; testId?: string }) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const reset = setTimeout(() => setState('idle'), 2_500);
    return () => clearTimeout(reset);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <span className="copy">
      {/* The name starts with the words on the button (WCAG 2.5.3), so "Copied" too while it says so. */}
      <button type="button" className="btn btn-small" onClick={() => void copy()} aria-label={`${state === 'copied' ? 'Copied' : 'Copy'} ${label}`} data-testid={testId}>
        {state === 'copied' ? 'Copied' : caption ? `Copy ${caption}` : 'Copy'}
      </button>
      <span role="status" className={state === 'failed' ? 'copy-failed' : 'visually-hidden'}>
        {state === 'copied' ? `${label} copied` : state === 'failed' ? 'Could not copy: select the text and copy it.' : ''}
      </span>
    </span>
  );
}
