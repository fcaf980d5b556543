/**
 * The innermost meaningful cause of a failure. Frameworks report the outermost exception, which
 * is often a wrapper (Spring's ListenerExecutionFailedException) or carries a generic message
 * (Kafka Connect's "Converting byte[] to Kafka Connect data failed due to serialization error").
 * The real reason is further in: in Spring's cause header, in "nested exception is" clauses of the
 * message, and in the "Caused by:" lines of the stack trace. Pure.
 */

export interface CauseLink {
  className: string | null;
  message: string | null;
}

/** Exceptions that only carry another: never the reason themselves when something deeper is known. */
const WRAPPERS = new Set([
  'ListenerExecutionFailedException',
  'KafkaException',
  'ExecutionException',
  'CompletionException',
  'InvocationTargetException',
  'UndeclaredThrowableException',
  'MessageConversionException',
  'TimestampedException',
  'RetriesExhaustedException',
  'StreamsException',
]);

function simpleName(className: string): string {
  return className.slice(className.lastIndexOf('.') + 1);
}

export function isWrapperException(className: string | null): boolean {
  return className !== null && WRAPPERS.has(simpleName(className));
}

const CLASS = String.raw`((?:[A-Za-z_$][\w$]*\.)+[A-Z][\w$]*)`;
const CAUSED_BY = new RegExp(String.raw`^\s*Caused by: ${CLASS}(?::\s?(.*))?$`);
const NESTED = new RegExp(String.raw`nested exception is ${CLASS}(?::\s?)?`, 'g');

/** "Caused by:" lines of a Java stack trace, outermost first (only the first line of each message). */
export function causedByLines(stacktrace: string | null): CauseLink[] {
  if (!stacktrace) return [];
  const out: CauseLink[] = [];
  for (const line of stacktrace.split(/\r?\n/)) {
    const m = CAUSED_BY.exec(line);
    if (m) out.push({ className: m[1]!, message: m[2]?.trim() || null });
  }
  return out;
}

/** Splits Spring's "...; nested exception is a.b.C: inner" into its links, outermost first. */
export function nestedClauses(link: CauseLink): CauseLink[] {
  const message = link.message;
  if (!message) return [link];
  const matches = [...message.matchAll(NESTED)];
  if (matches.length === 0) return [link];
  const out: CauseLink[] = [
    {
      className: link.className,
      message: message.slice(0, matches[0]!.index).replace(/;\s*$/, '').trim() || null,
    },
  ];
  matches.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = i + 1 < matches.length ? matches[i + 1]!.index : message.length;
    out.push({ className: m[1]!, message: message.slice(start, end).replace(/;\s*$/, '').trim() || null });
  });
  return out;
}

/**
 * The deepest cause that is not a wrapper. When that cause has no message of its own (a
 * "Caused by" line without text) the nearest outer message that is not a wrapper's stands in.
 */
export function innermostCause(reported: readonly CauseLink[], stacktrace: string | null): CauseLink {
  const chain: CauseLink[] = [];
  const push = (link: CauseLink) => {
    // The same class is often reported twice (a header, then its "Caused by" line): one link,
    // at its first (outermost) place, with whichever report has a message.
    const seen = chain.findIndex((c) => c.className !== null && c.className === link.className);
    if (seen >= 0) {
      if (!chain[seen]!.message && link.message) chain[seen] = link;
      return;
    }
    chain.push(link);
  };
  const expand = (link: CauseLink) => nestedClauses(link).forEach(push);
  reported.forEach(expand);
  causedByLines(stacktrace).forEach(expand);
  if (chain.length === 0) return { className: null, message: null };

  let index = chain.length - 1;
  while (index > 0 && isWrapperException(chain[index]!.className)) index--;
  const cause = chain[index]!;
  if (cause.message) return cause;
  for (let i = index - 1; i >= 0; i--) {
    const outer = chain[i]!;
    if (outer.message && !isWrapperException(outer.className))
      return { className: cause.className, message: outer.message.trim() };
  }
  return cause;
}
