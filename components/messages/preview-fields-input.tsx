'use client';
import { useState } from 'react';
import { Input } from '@/components/ui/field';

/**
 * The preview fields of the value column: comma-separated dot paths, applied on Enter or when the
 * field is left (not per key stroke), as `fields=a,b` in the URL (`-` for none).
 */
export function PreviewFieldsInput({
  preview,
  onApply,
}: {
  /** The fields shown now. */
  preview: readonly string[];
  /** The URL value for the fields typed: `type,orderId`, or `-` for none. */
  onApply: (fields: string) => void;
}) {
  const previewText = preview.join(', ');
  const [draft, setDraft] = useState<{ shown: string; text: string }>({
    shown: previewText,
    text: previewText,
  });
  // A change from outside (a link, Back) replaces the draft.
  if (draft.shown !== previewText) setDraft({ shown: previewText, text: previewText });
  const apply = () => {
    if (draft.text.trim() === previewText) return;
    onApply(
      draft.text
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
        .join(',') || '-',
    );
  };
  return (
    <>
      <span className="text-slate-500" aria-hidden>
        Preview
      </span>
      <Input
        controlSize="sm"
        mono
        className="h-7 w-36 text-xs xl:w-44"
        aria-label="Preview fields"
        title="Value fields shown first in the value column, comma-separated dot paths (kept in the URL)"
        placeholder="preview fields: type, id"
        value={draft.text}
        onChange={(e) => setDraft({ shown: previewText, text: e.target.value })}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
        }}
        testId="preview-fields"
      />
    </>
  );
}
