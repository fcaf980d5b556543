'use client';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';
import { Toolbar, ToolbarNote } from '@/components/ui/toolbar';

/**
 * Select dead letters with the message browser's filter language (key, headers, decoded value),
 * on its own or narrowing a selected group. Evaluated on the server; no code runs.
 */
export function FilterSelect({ current, onApply }: { current: string; onApply: (expr: string) => void }) {
  const [text, setText] = useState(current);
  const [shown, setShown] = useState(current);
  // Follow the URL when it changes under the field (back button, "clear selection").
  if (current !== shown) {
    setShown(current);
    setText(current);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(text.trim());
  };
  return (
    <form onSubmit={submit} data-testid="dlq-filter-form">
      <Toolbar>
        <Input
          controlSize="sm"
          mono
          className="min-w-[28rem] flex-1"
          placeholder={'Select by filter, e.g. value.type == "OrderPaid"'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="Filter expression"
          testId="dlq-filter"
        />
        <Button size="sm" type="submit" testId="dlq-filter-apply">
          Select
        </Button>
        <ToolbarNote quiet>Same language as the message browser; combines with a selected group.</ToolbarNote>
      </Toolbar>
    </form>
  );
}
