'use client';
import type { FormEvent } from 'react';
import { Field, Textarea } from '@/components/ui/field';
import { FilterSyntaxError, parseFilterExpression } from '@/lib/messages/filter-expression';

export interface ExpressionProblem {
  reason: string;
  position: number;
}

/** Validates an expression in the browser with the server's own parser, for instant feedback. */
export function expressionProblem(text: string): ExpressionProblem | null {
  if (text.trim() === '') return null;
  try {
    parseFilterExpression(text);
    return null;
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { reason: error.reason, position: error.position };
    return { reason: String(error), position: 0 };
  }
}

/** The filter expression: the text, a caret under the first problem, or a reminder of the language. */
export function ExpressionField({
  value,
  onChange,
  problem,
  onSubmit,
}: {
  value: string;
  onChange: (text: string) => void;
  problem: ExpressionProblem | null;
  onSubmit: (e: FormEvent) => void;
}) {
  return (
    <>
      <Field label="Expression">
        <Textarea
          mono
          invalid={!!problem}
          className="h-[104px] w-full resize-y text-[13px] leading-5"
          value={value}
          spellCheck={false}
          placeholder={
            'value.type == "OrderPaid" and value.payload.amountCents >= 10000\nor headers.source startsWith "legacy"'
          }
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) onSubmit(e);
          }}
          testId="filter-expression"
        />
      </Field>
      {problem ? (
        <div className="mt-1 text-xs text-rose-700" data-testid="expression-error">
          <span className="font-medium">Position {problem.position}:</span> {problem.reason}
          <pre className="mt-0.5 overflow-x-auto font-mono text-[11px] leading-4 text-rose-800">
            {value.split('\n').join(' ')}
            {'\n'}
            {' '.repeat(problem.position)}^
          </pre>
        </div>
      ) : (
        <div className="mt-1 text-[11px] leading-4 text-slate-500">
          <code>key</code>, <code>value.path</code>, <code>headers.name</code>, <code>partition</code>,{' '}
          <code>offset</code>, <code>timestamp</code>; <code>== != &gt; &lt; contains startsWith in</code>;{' '}
          <code>and or not ( )</code>; <code>lower() upper() exists() length()</code>. Ctrl+Enter searches.
        </div>
      )}
    </>
  );
}
