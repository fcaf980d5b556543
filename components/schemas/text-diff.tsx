'use client';
import { diffLines } from 'diff';
import { useMemo, useState } from 'react';
import { formatCount } from '@/lib/format';

/** Unchanged lines shown around each change; longer unchanged runs fold. */
const CONTEXT = 3;

type Row = { kind: 'added' | 'removed' | 'same'; text: string } | { kind: 'fold'; hidden: string[] };

/** The rows of a line diff, unchanged runs longer than twice the context folded in the middle. */
export function diffRows(before: string, after: string): Row[] {
  const rows: Row[] = [];
  const parts = diffLines(before, after);
  parts.forEach((part, i) => {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.added || part.removed) {
      for (const text of lines) rows.push({ kind: part.added ? 'added' : 'removed', text });
      return;
    }
    const keepHead = i === 0 ? 0 : CONTEXT;
    const keepTail = i === parts.length - 1 ? 0 : CONTEXT;
    if (lines.length <= keepHead + keepTail + 1) {
      for (const text of lines) rows.push({ kind: 'same', text });
      return;
    }
    for (const text of lines.slice(0, keepHead)) rows.push({ kind: 'same', text });
    rows.push({ kind: 'fold', hidden: lines.slice(keepHead, lines.length - keepTail) });
    for (const text of lines.slice(lines.length - keepTail)) rows.push({ kind: 'same', text });
  });
  return rows;
}

const STYLE = {
  added: 'bg-emerald-50 text-emerald-900',
  removed: 'bg-rose-50 text-rose-900',
  same: 'text-slate-500',
} as const;
const MARK = { added: '+', removed: '-', same: ' ' } as const;

/** A line diff of two schema texts: old lines red, new lines green, long unchanged runs folded. */
export function TextDiff({
  before,
  after,
  testId = 'text-diff',
}: {
  before: string;
  after: string;
  testId?: string;
}) {
  const rows = useMemo(() => diffRows(before, after), [before, after]);
  const [opened, setOpened] = useState<Set<number>>(new Set());
  return (
    <pre
      className="max-h-[48rem] overflow-auto rounded-md bg-slate-50 py-2 font-mono text-xs leading-5"
      data-testid={testId}
    >
      {rows.map((row, i) =>
        row.kind === 'fold' ? (
          opened.has(i) ? (
            row.hidden.map((text, j) => (
              <div key={`${i}-${j}`} className={`whitespace-pre-wrap break-all px-3 ${STYLE.same}`}>
                <span className="select-none pr-2 text-slate-400"> </span>
                {text}
              </div>
            ))
          ) : (
            <button
              key={i}
              type="button"
              onClick={() => setOpened(new Set(opened).add(i))}
              className="my-0.5 block w-full bg-slate-100 px-3 text-left font-sans text-[11px] text-slate-500 hover:bg-slate-200"
            >
              ⋯ {formatCount(row.hidden.length)} unchanged lines
            </button>
          )
        ) : (
          <div
            key={i}
            className={`whitespace-pre-wrap break-all px-3 ${STYLE[row.kind]}`}
            data-change={row.kind === 'same' ? undefined : row.kind}
          >
            <span className="select-none pr-2 text-slate-400">{MARK[row.kind]}</span>
            {row.text}
          </div>
        ),
      )}
    </pre>
  );
}
