'use client';
import { useRouter } from 'next/navigation';
import { useMemo, type KeyboardEvent, type MouseEvent, type ReactNode, type Ref } from 'react';
import { Skeleton } from './skeleton';

/**
 * The console's one table: typed columns, optional sorting, loading and empty states, row links.
 *
 * Use:
 * ```tsx
 * const columns: Column<TopicSummary>[] = [
 *   { id: 'name', header: 'Topic', cell: (t) => <Link href={…}>{t.name}</Link>, sortValue: (t) => t.name },
 *   { id: 'messages', header: 'Messages', numeric: true, cell: (t) => formatCount(t.messageCount), sortValue: (t) => t.messageCount },
 * ];
 * <Table columns={columns} rows={data?.topics} rowKey={(t) => t.name} loading={isPending}
 *        sort={{ key: 'name', dir: 'asc' }} onSort={…} rowTestId="topic-row" empty="No topics yet." />
 * ```
 * - `numeric` right-aligns a column with tabular figures (counts, offsets, sizes).
 * - With `sort` the table orders the rows itself by the sorted column's `sortValue` (missing values
 *   last, ties by `rowKey`); headers of columns with a `sortValue` become buttons that call `onSort`.
 *   Where the sort is kept (usually the URL) is the page's business.
 * - `rowHref` makes a whole row a link (a click outside the row's own links and buttons follows it);
 *   `onRowClick` does anything else. `selectedKey` marks one row.
 * - `density="compact"` is the dense layout of the message browser and the timeline; `frame={false}`
 *   drops the white card around the table (for tables already inside a `Card`).
 * - `scroll="max-h-96"` makes the table scroll inside that height, with the header kept in view
 *   (`stickyHeader`); `scrollRef` reaches the scrolling element (to keep the newest row in view).
 */

export interface Column<T> {
  /** Stable id: the React key, the sort key and (`sort-<id>`) the header button's test id. */
  id: string;
  header: ReactNode;
  /** Explains the header on hover ("Replication factor"). */
  headerTitle?: string;
  cell: (row: T, index: number) => ReactNode;
  /** Right-aligned tabular figures. */
  numeric?: boolean;
  /** Monospace text: ids, offsets, config values. */
  mono?: boolean;
  /** Makes the column sortable; the value it sorts by. Null sorts as smallest. */
  sortValue?: (row: T) => string | number | bigint | null;
  /** Extra classes of every cell of this column (or of one row's cell). */
  className?: string | ((row: T) => string);
  /** `data-testid` of every cell of this column (or of one row's cell). */
  testId?: string | ((row: T) => string | undefined);
  /** `title` of a cell: the full text of a truncated one, or what a figure means. */
  title?: (row: T) => string | undefined;
  /** A width class for the column (`w-20`); makes sense with `fixed`. */
  width?: string;
}

export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

type DataAttributes = Record<`data-${string}`, string | number | boolean | undefined>;

export interface TableProps<T> {
  columns: Column<T>[];
  /** Undefined while nothing has loaded. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  /** Shows placeholder bars instead of the table while there are no rows yet. */
  loading?: boolean;
  loadingRows?: number;
  /** What to say when there are no rows. */
  empty?: ReactNode;
  emptyTestId?: string;
  sort?: SortState;
  onSort?: (key: string) => void;
  rowHref?: (row: T) => string;
  onRowClick?: (row: T) => void;
  selectedKey?: string | null;
  /** `data-testid` of every row. */
  rowTestId?: string;
  /** More `data-*` attributes of a row (`data-topic`, `data-offset`; a `data-testid` here wins over `rowTestId`). */
  rowData?: (row: T) => DataAttributes;
  /** Extra classes of a row (a warning tint, content-visibility for long lists). */
  rowClassName?: (row: T) => string;
  /** Keeps the header in view while the rows scroll. */
  stickyHeader?: boolean;
  /** Height classes of a scrolling table (`max-h-96`): the table scrolls inside them. */
  scroll?: string;
  scrollRef?: Ref<HTMLDivElement>;
  /** Placeholder rows while loading: `bars` (default) or `lines` (thin, for dense tables). */
  loadingStyle?: 'bars' | 'lines';
  /** Fixed column widths (from `width`) and truncated cells. */
  fixed?: boolean;
  density?: 'normal' | 'compact';
  frame?: boolean;
  /** A note under the rows ("Messages are approximate…"). */
  footer?: ReactNode;
  testId?: string;
}

const styles = {
  normal: {
    table: 'w-full text-sm',
    head: 'text-left text-xs uppercase tracking-wide text-slate-500',
    headRow: '',
    th: 'py-2.5 pr-4 font-medium last:pr-0',
    body: '',
    row: 'border-t border-slate-100',
    td: 'py-2 pr-4 last:pr-0',
  },
  compact: {
    table: 'w-full border-collapse text-left text-xs',
    head: 'bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500',
    headRow: 'border-b border-slate-200',
    th: 'px-2 py-1.5 font-medium',
    body: 'whitespace-nowrap',
    row: 'border-b border-slate-100',
    td: 'px-2 py-1',
  },
} as const;

function compareValues(a: string | number | bigint | null, b: string | number | bigint | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Clicks on the row's own controls do their own thing, not the row's. */
function isInteractive(target: EventTarget | null, row: HTMLElement): boolean {
  const el =
    target instanceof Element ? target.closest('a, button, input, select, textarea, label, summary') : null;
  return el !== null && row.contains(el);
}

function SortButton({
  column,
  sort,
  onSort,
}: {
  column: Column<unknown>;
  sort: SortState;
  onSort?: (key: string) => void;
}) {
  const active = sort.key === column.id;
  return (
    <button
      type="button"
      onClick={() => onSort?.(column.id)}
      className={`inline-flex items-center gap-1 uppercase tracking-wide hover:text-slate-800 ${active ? 'text-slate-800' : ''}`}
      data-testid={`sort-${column.id}`}
    >
      {column.header}
      <span aria-hidden className={`text-[10px] ${active ? 'text-sky-700' : 'text-slate-300'}`}>
        {active && sort.dir === 'desc' ? '▼' : '▲'}
      </span>
    </button>
  );
}

export function Table<T>({
  columns,
  rows,
  rowKey,
  loading = false,
  loadingRows = 5,
  empty,
  emptyTestId,
  sort,
  onSort,
  rowHref,
  onRowClick,
  selectedKey,
  rowTestId,
  rowData,
  rowClassName,
  stickyHeader = false,
  scroll,
  scrollRef,
  loadingStyle = 'bars',
  fixed = false,
  density = 'normal',
  frame = density === 'normal',
  footer,
  testId,
}: TableProps<T>) {
  const router = useRouter();
  const s = styles[density];

  const sorted = useMemo(() => {
    const list = rows ?? [];
    const by = sort ? columns.find((c) => c.id === sort.key)?.sortValue : undefined;
    if (!sort || !by) return list;
    const sign = sort.dir === 'asc' ? 1 : -1;
    return list
      .slice()
      .sort((a, b) => sign * compareValues(by(a), by(b)) || rowKey(a).localeCompare(rowKey(b)));
  }, [rows, columns, sort, rowKey]);

  if (loading && !rows) {
    return (
      <div className={loadingStyle === 'lines' ? 'space-y-1.5 p-4' : 'space-y-2'} aria-busy="true">
        {Array.from({ length: loadingRows }, (_, i) => (
          <Skeleton key={i} className={loadingStyle === 'lines' ? 'h-5' : 'h-9'} />
        ))}
      </div>
    );
  }

  const clickable = Boolean(rowHref || onRowClick);
  const onClick = (row: T) => (e: MouseEvent<HTMLTableRowElement>) => {
    if (isInteractive(e.target, e.currentTarget)) return;
    if (rowHref) {
      const href = rowHref(row);
      if (e.metaKey || e.ctrlKey) window.open(href, '_blank', 'noopener');
      else router.push(href);
    } else onRowClick?.(row);
  };
  // Clickable rows are reachable from the keyboard: Tab or the arrow keys move between rows,
  // Enter or Space opens one, as a click does.
  const onKeyDown = (row: T) => (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const next =
        e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
      if (next instanceof HTMLElement) {
        e.preventDefault();
        next.focus();
      }
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (rowHref) router.push(rowHref(row));
      else onRowClick?.(row);
    }
  };
  const align = (c: Column<T>) => (c.numeric ? 'text-right tabular-nums' : '');

  return (
    <div
      ref={scrollRef}
      className={`${scroll ? `overflow-auto ${scroll}` : 'overflow-x-auto'} ${frame ? 'rounded-lg border border-slate-200 bg-white px-4 pb-2 shadow-sm' : ''}`}
    >
      <table className={`${s.table} ${fixed ? 'table-fixed' : ''}`} data-testid={testId}>
        {columns.some((c) => c.width) ? (
          <colgroup>
            {columns.map((c) => (
              <col key={c.id} className={c.width} />
            ))}
          </colgroup>
        ) : null}
        <thead
          className={`${s.head} ${stickyHeader ? `sticky top-0 z-10 ${density === 'normal' ? 'bg-white' : ''}` : ''}`}
        >
          <tr className={s.headRow}>
            {columns.map((c) => (
              <th
                key={c.id}
                className={`${s.th} ${c.numeric ? 'text-right' : 'text-left'} whitespace-nowrap`}
                title={c.headerTitle}
                aria-sort={
                  sort?.key === c.id
                    ? sort.dir === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : c.sortValue && sort
                      ? 'none'
                      : undefined
                }
              >
                {sort && c.sortValue ? (
                  <SortButton column={c as Column<unknown>} sort={sort} onSort={onSort} />
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={s.body}>
          {sorted.map((row, i) => {
            const key = rowKey(row);
            const selected = selectedKey !== undefined && selectedKey === key;
            return (
              <tr
                key={key}
                data-testid={rowTestId}
                {...rowData?.(row)}
                aria-selected={selectedKey !== undefined ? selected : undefined}
                onClick={clickable ? onClick(row) : undefined}
                onKeyDown={clickable ? onKeyDown(row) : undefined}
                tabIndex={clickable ? 0 : undefined}
                className={`${s.row} ${clickable ? 'cursor-pointer outline-none focus-visible:bg-sky-50 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500' : ''} ${selected ? 'bg-sky-100' : 'hover:bg-slate-50'} ${rowClassName?.(row) ?? ''}`}
              >
                {columns.map((c) => (
                  <td
                    key={c.id}
                    className={`${s.td} ${align(c)} ${c.mono ? 'font-mono' : ''} ${fixed ? 'truncate' : ''} ${typeof c.className === 'function' ? c.className(row) : (c.className ?? '')}`}
                    title={c.title?.(row)}
                    data-testid={typeof c.testId === 'function' ? c.testId(row) : c.testId}
                  >
                    {c.cell(row, i)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {sorted.length === 0 && empty ? (
        <p className="py-6 text-center text-sm text-slate-500" data-testid={emptyTestId}>
          {empty}
        </p>
      ) : null}
      {footer ? <div className="border-t border-slate-100 py-2 text-xs text-slate-500">{footer}</div> : null}
    </div>
  );
}
