'use client';
import { Button } from '@/components/ui/button';
import { FIELD_LABEL, Input, Select } from '@/components/ui/field';
import type { ValuePredicate } from '@/lib/messages/compile-filter';
import { PREDICATE_OPERATORS, type PredicateOperator } from '@/lib/schemas/messages';

const OP_LABELS: Record<PredicateOperator, string> = {
  '=': '=',
  '!=': '≠',
  '>': '>',
  '>=': '≥',
  '<': '<',
  '<=': '≤',
  contains: 'contains',
  startsWith: 'starts with',
  exists: 'exists',
  in: 'in (a, b, …)',
};

/** Structured conditions on the decoded value, one row each: path, operator, operand. */
export function PredicateList({
  predicates,
  onChange,
}: {
  predicates: ValuePredicate[];
  onChange: (predicates: ValuePredicate[]) => void;
}) {
  const update = (i: number, change: Partial<ValuePredicate>) =>
    onChange(predicates.map((p, j) => (j === i ? { ...p, ...change } : p)));
  return (
    <div>
      <span className={FIELD_LABEL}>Value conditions</span>
      <div className="space-y-1.5" data-testid="predicates">
        {predicates.map((p, i) => (
          <div key={i} className="flex gap-1.5" data-testid="predicate-row">
            <Input
              controlSize="sm"
              mono
              className="min-w-0 flex-1"
              value={p.path}
              placeholder="payload.amountCents"
              aria-label="Value path"
              onChange={(e) => update(i, { path: e.target.value })}
              testId="predicate-path"
            />
            <Select
              controlSize="sm"
              value={p.op}
              aria-label="Operator"
              onChange={(e) => update(i, { op: e.target.value as PredicateOperator })}
              testId="predicate-op"
            >
              {PREDICATE_OPERATORS.map((op) => (
                <option key={op} value={op}>
                  {OP_LABELS[op]}
                </option>
              ))}
            </Select>
            <Input
              controlSize="sm"
              mono
              className="min-w-0 flex-1"
              value={p.value ?? ''}
              disabled={p.op === 'exists'}
              placeholder={p.op === 'in' ? 'CARD, PAYPAL' : '10000'}
              aria-label="Operand"
              onChange={(e) => update(i, { value: e.target.value })}
              testId="predicate-value"
            />
            <Button
              variant="quiet"
              size="sm"
              className="px-2"
              aria-label="Remove condition"
              onClick={() => onChange(predicates.filter((_, j) => j !== i))}
            >
              ×
            </Button>
          </div>
        ))}
        <Button
          variant="ghost"
          size="xs"
          className="-ml-2.5"
          onClick={() => onChange([...predicates, { path: '', op: '=', value: '' }])}
          testId="add-predicate"
        >
          + Add a condition on the decoded value
        </Button>
      </div>
    </div>
  );
}
