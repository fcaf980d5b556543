'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';
import { formatCount, formatTimestamp, fromDateTimeInput } from '@/lib/format';
import { stepAtOffset, stepAtTime } from '@/lib/timetravel/locate-step';
import type { TimelineRow } from '@/lib/timetravel/timeline';

/** Moves through the aggregate's history: step by step, by slider, to an offset or a time. */
export function Scrubber({
  steps,
  position,
  onMove,
  onStep,
  canStart,
  base,
}: {
  steps: readonly TimelineRow[];
  position: number;
  onMove: (position: number) => void;
  /** One step back (-1) or forward (+1) from where the view is now, however fast the clicks come. */
  onStep: (delta: -1 | 1) => void;
  canStart: boolean;
  /** Events before the first step (those a snapshot covers). */
  base: number;
}) {
  const min = -1;
  const max = steps.length - 1;
  return (
    <div className="space-y-3" data-testid="scrubber">
      <div className="flex items-center gap-2">
        <Button
          onClick={() => onMove(min)}
          disabled={position <= min}
          title={canStart ? 'The snapshot state' : 'Before the first event'}
          testId="step-start"
        >
          Start
        </Button>
        <Button onClick={() => onStep(-1)} disabled={position <= min} testId="step-back">
          ◀ Back
        </Button>
        <input
          type="range"
          min={min}
          max={max}
          value={position}
          onChange={(e) => onMove(Number(e.target.value))}
          className="flex-1 accent-sky-600"
          aria-label="Position in the aggregate's history"
          data-testid="scrubber-range"
        />
        <Button onClick={() => onStep(1)} disabled={position >= max} testId="step-forward">
          Forward ▶
        </Button>
        <Button
          onClick={() => onMove(max)}
          disabled={position >= max}
          title="After the last event"
          testId="step-end"
        >
          End
        </Button>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <ScrubberPosition steps={steps} position={position} canStart={canStart} base={base} />
        <div className="flex flex-wrap items-center gap-2">
          <GoTo
            kind="event"
            onGo={(n) =>
              /^\d+$/.test(n.trim()) &&
              steps.length > 0 &&
              onMove(Math.min(steps.length, Math.max(1, Number(n.trim()))) - 1)
            }
          />
          <GoTo
            kind="offset"
            onGo={(offset) => /^\d+$/.test(offset) && onMove(stepAtOffset(steps, BigInt(offset)))}
          />
          <GoTo
            kind="time"
            onGo={(time) => {
              const iso = fromDateTimeInput(time);
              if (iso) onMove(stepAtTime(steps, Date.parse(iso)));
            }}
          />
        </div>
      </div>
    </div>
  );
}

function ScrubberPosition({
  steps,
  position,
  canStart,
  base,
}: {
  steps: readonly TimelineRow[];
  position: number;
  canStart: boolean;
  base: number;
}) {
  const step = steps[position];
  return (
    <div data-testid="scrubber-position">
      {step ? (
        <>
          As of event <span className="font-semibold tabular-nums">{formatCount(base + position + 1)}</span>{' '}
          {base > 0
            ? `(step ${formatCount(position + 1)} of ${formatCount(steps.length)} after the snapshot)`
            : `of ${formatCount(steps.length)}`}{' '}
          · offset <span className="font-mono">{step.offset}</span> · {formatTimestamp(step.timestamp, 's')}{' '}
          UTC
        </>
      ) : (
        <>{canStart ? 'As of the snapshot, before the events read' : 'Before the first event'}</>
      )}
    </div>
  );
}

/** A one-field form that moves the scrubber: to an offset, or to a time (read as UTC). */
function GoTo({ kind, onGo }: { kind: 'event' | 'offset' | 'time'; onGo: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        onGo(text);
      }}
    >
      {kind === 'event' ? (
        <Input
          controlSize="sm"
          mono
          className="w-24 text-xs"
          inputMode="numeric"
          placeholder="event #"
          aria-label="Go to event number"
          value={text}
          onChange={(e) => setText(e.target.value)}
          testId="goto-event"
        />
      ) : kind === 'offset' ? (
        <Input
          controlSize="sm"
          mono
          className="w-28 text-xs"
          placeholder="offset"
          value={text}
          onChange={(e) => setText(e.target.value)}
          testId="goto-offset"
        />
      ) : (
        <Input
          controlSize="sm"
          mono
          className="w-48 text-xs"
          placeholder="2025-02-15 19:14:24"
          title="UTC unless the text names a zone; ISO text can be pasted"
          value={text}
          onChange={(e) => setText(e.target.value)}
          testId="goto-time"
        />
      )}
      <Button type="submit" size="sm">
        {kind === 'time' ? 'Go (UTC)' : 'Go'}
      </Button>
    </form>
  );
}
