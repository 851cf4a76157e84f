import { useEffect, useRef } from 'react';

/** The header checkbox: checked when every row is, mixed when some are; choosing it selects all or none. */
export function SelectAll({ count, of, onChange }: { count: number; of: number; onChange: (all: boolean) => void }) {
  const box = useRef<HTMLInputElement>(null);
  const mixed = count > 0 && count < of;
  // `indeterminate` (announced as "mixed") exists only as a DOM property, not an attribute React can set.
  useEffect(() => {
    if (box.current) box.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <input ref={box} type="checkbox" checked={of > 0 && count === of} onChange={() => onChange(count < of)}
      aria-label="Select every run listed" data-testid="attention-select-all" />
  );
}
