import { useState } from 'react';
import { emptyRow, operators, parseCondition, rowProblems, toCel, type ConditionGroup, type ConditionRow, type Operator, type ValueType } from '../../workflows/condition';

interface Props {
  stepId: string;
  value: string;
  onChange: (cel: string) => void;
  fields: string[];
}

/**
 * A step's `when`: rows of field / operator / value in and/or groups, producing CEL; or the expression itself in
 * advanced mode. An expression the builder cannot show stays in advanced mode rather than being rewritten.
 */
export function ConditionEditor({ stepId, value, onChange, fields }: Props) {
  const parsed = parseCondition(value);
  const [mode, setMode] = useState<'builder' | 'advanced'>(parsed ? 'builder' : 'advanced');
  const [group, setGroup] = useState<ConditionGroup>(parsed ?? { kind: 'group', join: 'and', items: [] });
  const listId = `fields-${stepId}`;

  function update(next: ConditionGroup) {
    setGroup(next);
    onChange(toCel(next));
  }

  function switchTo(next: 'builder' | 'advanced') {
    if (next === 'builder') {
      const rows = parseCondition(value);
      if (!rows) return;
      setGroup(rows);
    }
    setMode(next);
  }

  const canUseBuilder = parseCondition(value) !== null;
  return (
    <div className="cond-editor" data-testid="condition-editor" data-step-id={stepId}>
      <div className="toolbar">
        <span className="field">Runs when</span>
        <div className="segmented" role="radiogroup" aria-label="Condition editor mode">
          <label className={mode === 'builder' ? 'segment segment-on' : 'segment'}>
            {/* One name per step: the two radios form a group, so arrow keys move between them as the role promises. */}
            <input type="radio" name={`condition-mode-${stepId}`} checked={mode === 'builder'} onChange={() => switchTo('builder')} disabled={!canUseBuilder} data-testid="condition-mode-builder" />
            Builder
          </label>
          <label className={mode === 'advanced' ? 'segment segment-on' : 'segment'}>
            <input type="radio" name={`condition-mode-${stepId}`} checked={mode === 'advanced'} onChange={() => switchTo('advanced')} data-testid="condition-mode-advanced" />
            Expression
          </label>
        </div>
        {!canUseBuilder && <span className="small muted">This expression uses more than the builder can show; edit it as text.</span>}
      </div>
      <datalist id={listId}>
        {fields.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      {mode === 'advanced' ? (
        <label className="field">
          <span className="visually-hidden">Condition expression (CEL)</span>
          <input className="input mono" value={value} onChange={(e) => onChange(e.target.value)} placeholder="Always runs. Example: trigger.data.plan == 'enterprise'" data-testid="condition-expression" />
        </label>
      ) : (
        <GroupEditor group={group} onChange={update} listId={listId} root />
      )}
      <p className="small muted">
        CEL: <code data-testid="condition-cel">{value || '(none: always runs)'}</code>
      </p>
    </div>
  );
}

function GroupEditor({ group, onChange, listId, root = false, onRemove }: { group: ConditionGroup; onChange: (g: ConditionGroup) => void; listId: string; root?: boolean; onRemove?: () => void }) {
  const setItem = (i: number, item: ConditionRow | ConditionGroup) => onChange({ ...group, items: group.items.map((x, j) => (j === i ? item : x)) });
  const remove = (i: number) => onChange({ ...group, items: group.items.filter((_, j) => j !== i) });
  return (
    <div className="cond" role="group" aria-label={root ? 'Condition' : 'Condition group'}>
      {group.items.length > 1 && (
        <label className="check small">
          Match
          <select className="select" value={group.join} onChange={(e) => onChange({ ...group, join: e.target.value as 'and' | 'or' })} aria-label="Match all or any">
            <option value="and">all of these (and)</option>
            <option value="or">any of these (or)</option>
          </select>
        </label>
      )}
      {group.items.length === 0 && <p className="small muted">No condition: the step always runs once the steps it needs are done.</p>}
      {group.items.map((item, i) => (
        <div key={i}>
          {i > 0 && <span className="cond-join">{group.join}</span>}
          {item.kind === 'row' ? (
            <RowEditor row={item} onChange={(r) => setItem(i, r)} onRemove={() => remove(i)} listId={listId} />
          ) : (
            <GroupEditor group={item} onChange={(g) => setItem(i, g)} listId={listId} onRemove={() => remove(i)} />
          )}
        </div>
      ))}
      <div className="toolbar">
        <button type="button" className="btn btn-small" onClick={() => onChange({ ...group, items: [...group.items, emptyRow()] })} data-testid="condition-add-row">
          Add condition
        </button>
        {root && (
          <button type="button" className="btn btn-small" onClick={() => onChange({ ...group, items: [...group.items, { kind: 'group', join: group.join === 'and' ? 'or' : 'and', items: [emptyRow()] }] })}>
            Add group
          </button>
        )}
        {onRemove && (
          <button type="button" className="btn btn-small" onClick={onRemove}>
            Remove group
          </button>
        )}
      </div>
    </div>
  );
}

function RowEditor({ row, onChange, onRemove, listId }: { row: ConditionRow; onChange: (r: ConditionRow) => void; onRemove: () => void; listId: string }) {
  const problems = rowProblems(row);
  return (
    <div className="cond-row" data-testid="condition-row">
      <input className="input mono" list={listId} value={row.field} onChange={(e) => onChange({ ...row, field: e.target.value })} aria-label="Field" aria-invalid={problems.some((p) => p.startsWith('The field'))} data-testid="condition-field" />
      <select className="select" value={row.op} onChange={(e) => onChange({ ...row, op: e.target.value as Operator })} aria-label="Operator" data-testid="condition-op">
        {operators.map((o) => (
          <option key={o.op} value={o.op}>
            {o.label}
          </option>
        ))}
      </select>
      {row.op !== 'exists' && (
        <>
          <input className="input" value={row.value} onChange={(e) => onChange({ ...row, value: e.target.value })} aria-label={row.op === 'in' ? 'Values, separated by commas' : 'Value'} placeholder={row.op === 'in' ? 'a, b, c' : 'value'} data-testid="condition-value" />
          <select className="select" value={row.type} onChange={(e) => onChange({ ...row, type: e.target.value as ValueType })} aria-label="Value type">
            <option value="text">text</option>
            <option value="number">number</option>
            <option value="boolean">true/false</option>
          </select>
        </>
      )}
      <button type="button" className="btn btn-small" onClick={onRemove} aria-label="Remove this condition">
        Remove
      </button>
      {problems.length > 0 && <span className="small warning-text">{problems.join(' ')}</span>}
    </div>
  );
}
