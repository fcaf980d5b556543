'use client';
import { diffLines } from 'diff';
import { useMemo } from 'react';

/** A line diff of two schema texts, old lines red, new lines green, unchanged ones grey. */
export function TextDiff({ before, after, testId = 'text-diff' }: { before: string; after: string; testId?: string }) {
  const parts = useMemo(() => diffLines(before, after), [before, after]);
  return (
    <pre className="max-h-[40rem] overflow-auto rounded-md bg-slate-50 py-2 font-mono text-xs leading-5" data-testid={testId}>
      {parts.map((part, i) => {
        const lines = part.value.replace(/\n$/, '').split('\n');
        const style = part.added ? 'bg-emerald-50 text-emerald-900' : part.removed ? 'bg-rose-50 text-rose-900' : 'text-slate-500';
        const mark = part.added ? '+' : part.removed ? '-' : ' ';
        return lines.map((line, j) => (
          <div key={`${i}-${j}`} className={`whitespace-pre-wrap break-all px-3 ${style}`} data-change={part.added ? 'added' : part.removed ? 'removed' : undefined}>
            <span className="select-none pr-2 text-slate-400">{mark}</span>
            {line}
          </div>
        ));
      })}
    </pre>
  );
}
