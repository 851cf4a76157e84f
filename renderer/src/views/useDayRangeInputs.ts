import { useEffect, useState } from 'react';
import { dayRange, rangeProblem, type InstantRange } from '../format/dateRange';

/**
 * The two date inputs of a filter bar. What the person types stays in the inputs; a range is applied only when
 * it makes sense (an impossible one is shown as `problem`, not sent), and the inputs empty when the applied
 * range is cleared elsewhere (a Clear button, the empty state's button).
 */
export function useDayRangeInputs(applied: InstantRange, apply: (range: InstantRange) => void) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    if (applied.from === undefined && applied.to === undefined) {
      setFrom('');
      setTo('');
    }
  }, [applied.from, applied.to]);

  return {
    from,
    to,
    problem: rangeProblem(dayRange(from, to)),
    setDates(nextFrom: string, nextTo: string) {
      setFrom(nextFrom);
      setTo(nextTo);
      const range = dayRange(nextFrom, nextTo);
      if (!rangeProblem(range)) apply({ from: range.from, to: range.to });
    },
    clear() {
      setFrom('');
      setTo('');
    },
  };
}
