import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { AppError } from '@/lib/errors/app-error';
import { compileMessageFilter, FilterSpecError } from '@/lib/messages/compile-filter';
import { UNKNOWN, evaluateFilter } from '@/lib/messages/evaluate-filter';
import { RecordFilterView } from '@/lib/messages/message-view';
import type { DeadLetterSelection } from '@/lib/schemas/dlq';
import { createMessageDecoder } from '@/lib/serde/decode-message';
import type { ReadDeadLetter } from './read-dead-letter-topic';
import { deadLetterSelector } from './summarize-dead-letters';

/**
 * The dead letters of a selection: cause, origin, key, time range and chosen ones first (pure),
 * then a filter expression in the message browser's language (the same parser and evaluator: no
 * user code runs), evaluated on the raw record and decoded only when it needs the value.
 * The order of `letters` is kept.
 */
export async function selectDeadLetters(
  cluster: ClusterConfig,
  topic: string,
  letters: readonly ReadDeadLetter[],
  selection: DeadLetterSelection,
): Promise<ReadDeadLetter[]> {
  const chosen = letters.filter(deadLetterSelector(selection));
  const expr = selection.expr?.trim();
  if (!expr) return chosen;
  let filter;
  try {
    filter = compileMessageFilter({ expression: expr });
  } catch (error) {
    if (error instanceof FilterSpecError)
      throw new AppError(
        'BAD_REQUEST',
        `the filter expression is not valid: ${error.position === undefined ? error.reason : `${error.reason} at position ${error.position}`}`,
      );
    throw error;
  }
  if (!filter) return chosen;
  const view = new RecordFilterView(topic);
  const decoder = createMessageDecoder(cluster);
  const out: ReadDeadLetter[] = [];
  for (const letter of chosen) {
    let verdict = evaluateFilter(filter.node, view.reset(letter.record));
    if (verdict === UNKNOWN)
      verdict = evaluateFilter(
        filter.node,
        view.reset(letter.record, await decoder.decode(topic, letter.record)),
      );
    if (verdict === true) out.push(letter);
  }
  return out;
}
