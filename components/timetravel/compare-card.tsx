'use client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { StateChange } from '@/lib/schemas/timetravel';
import type { TimelineRow } from '@/lib/timetravel/timeline';
import { ChangeList } from './change-list';

/** The difference between the state at a pinned point and at the scrubber's position. */
export function CompareCard({
  steps,
  base,
  position,
  compareAt,
  changes,
  onPin,
  onClear,
}: {
  steps: readonly TimelineRow[];
  base: number;
  position: number;
  compareAt: number | null;
  /** Null while the state at either point is being fetched. */
  changes: StateChange[] | null;
  onPin: () => void;
  onClear: () => void;
}) {
  const point = (p: number) => (p < 0 ? 'the start' : `event ${base + p + 1} (offset ${steps[p]?.offset})`);
  return (
    <Card
      title="Compare two points"
      aside={
        <div className="flex gap-2">
          <Button size="xs" onClick={onPin} testId="compare-pin">
            Pin this point
          </Button>
          {compareAt !== null ? (
            <Button size="xs" onClick={onClear}>
              Clear
            </Button>
          ) : null}
        </div>
      }
      testId="compare-card"
    >
      {compareAt === null ? (
        <p className="text-sm text-slate-500">
          Pin a point, then move the scrubber: the difference between the two states shows here.
        </p>
      ) : (
        <div className="space-y-2">
          <p className="text-sm text-slate-600" data-testid="compare-points">
            From {point(compareAt)} to {point(position)}:
          </p>
          {changes === null ? (
            <p className="text-sm text-slate-500" data-testid="compare-loading">
              Fetching the states…
            </p>
          ) : (
            <ChangeList changes={changes} empty="The two states are the same." testId="compare-diff" />
          )}
        </div>
      )}
    </Card>
  );
}
