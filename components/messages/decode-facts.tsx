import type { ReactNode } from 'react';
import type { DecodedPart } from '@/lib/serde/types';
import { holdsExactIntegers } from './format-message';

/**
 * What the decoder found out beyond the value itself: whether a JSON Schema payload satisfies its
 * writer schema (and how it does not), where the schema id came from when a record header carried
 * it, why bytes that start like a Confluent frame were not decoded, and that 64-bit integers are
 * shown as exact strings.
 */
export function DecodeFacts({ part, testId }: { part: DecodedPart; testId: string }) {
  const facts: ReactNode[] = [];
  if (part.format === 'json-schema' && part.valid === true) {
    facts.push(
      <div
        key="valid"
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-1.5 text-xs text-emerald-900"
        data-testid={`${testId}-validity`}
      >
        Valid against its writer schema #{part.schemaId}
      </div>,
    );
  }
  if (part.format === 'json-schema' && part.valid === false) {
    facts.push(
      <div
        key="invalid"
        role="alert"
        className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-950"
        data-testid={`${testId}-validity`}
      >
        <div className="font-semibold">Not valid against its writer schema #{part.schemaId}</div>
        <ul className="mt-1 space-y-0.5" data-testid={`${testId}-violations`}>
          {(part.violations ?? []).map((v, i) => (
            <li key={i} className="[overflow-wrap:anywhere]">
              <span className="font-mono text-amber-800">{v.path}</span> {v.message}
            </li>
          ))}
        </ul>
      </div>,
    );
  }
  if ('schemaIdHeader' in part && part.schemaIdHeader) {
    facts.push(
      <div key="header" className="text-xs text-slate-600" data-testid={`${testId}-id-header`}>
        Schema{' '}
        {part.schemaGuid ? (
          <>
            GUID <span className="font-mono">{part.schemaGuid}</span>
          </>
        ) : (
          'id'
        )}{' '}
        from the record header <span className="font-mono">{part.schemaIdHeader}</span>
      </div>,
    );
  }
  if (part.format === 'binary' && part.reason) {
    facts.push(
      <div
        key="binary"
        className="rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-xs text-slate-700"
        data-testid={`${testId}-binary-reason`}
      >
        {part.reason.charAt(0).toUpperCase() + part.reason.slice(1)}.
      </div>,
    );
  }
  if ('value' in part && holdsExactIntegers(part.value)) {
    facts.push(
      <div key="exact" className="text-xs text-slate-500" data-testid={`${testId}-exact-note`}>
        Integers beyond 2^53 are shown exactly, as decimal strings (JavaScript numbers would round them).
      </div>,
    );
  }
  return facts.length ? <div className="space-y-1.5">{facts}</div> : null;
}
