import { InlineCode } from './inline-code';
import { buildChangeTree, changeTone, type ChangeLike, type ChangeNode } from './change-tree-model';

const TONE = {
  added: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  removed: 'bg-rose-50 text-rose-800 ring-rose-200',
  changed: 'bg-amber-50 text-amber-900 ring-amber-200',
  doc: 'bg-slate-100 text-slate-600 ring-slate-200',
} as const;

type Change = ChangeLike;

function NodeView({ node, depth }: { node: ChangeNode<Change>; depth: number }) {
  return (
    <li data-testid="change-node" data-path={node.path}>
      {node.token ? <div className="font-mono text-xs font-semibold text-slate-700">{node.token}</div> : null}
      {node.changes.length ? (
        <ul className="mt-0.5 space-y-0.5">
          {node.changes.map((c, i) => (
            <li
              key={i}
              className="flex items-start gap-2 text-sm"
              data-testid="change"
              data-kind={c.kind}
              data-path={c.path}
            >
              <span
                className={`mt-0.5 shrink-0 rounded px-1.5 py-px font-mono text-[10px] ring-1 ring-inset ${TONE[changeTone(c.kind)]}`}
              >
                {c.kind}
              </span>
              <span className="text-slate-700">
                <InlineCode text={c.message} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {node.children.length ? (
        <ul className={`mt-1 space-y-1.5 ${depth >= 0 ? 'border-l border-slate-200 pl-3' : ''}`}>
          {node.children.map((child) => (
            <NodeView key={child.token} node={child} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The field-tree diff: each change under the field (and union branch, array, map) that holds it. */
export function ChangeTree({ changes }: { changes: Change[] }) {
  if (changes.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid="no-changes">
        No change: both versions describe the same fields and types.
      </p>
    );
  const root = buildChangeTree(changes);
  return (
    <ul className="space-y-1.5" data-testid="change-tree">
      <NodeView node={root} depth={-1} />
    </ul>
  );
}
