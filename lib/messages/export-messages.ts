import 'server-only';
import type { ClusterConfig } from '@/lib/config/schema';
import { toErrorBody } from '@/lib/errors/app-error';
import type { ParsedMessageQuery } from './message-query';
import { planScan } from './plan-scan';
import { SEARCH_TUNING, scanTopic } from './scan-topic';

export interface MessageExport {
  filename: string;
  /** NDJSON: one decoded message per line. */
  body: ReadableStream<Uint8Array>;
}

/** Flush to the response in pieces of about this size, not one write per line. */
const FLUSH_BYTES = 64 * 1024;

/**
 * What a search finds, as an NDJSON download, streamed while scanning. The start positions are
 * resolved before the download begins, so an unknown topic or a bad offset is still a plain
 * JSON error; a failure later ends the file with a line {"error":{"code","message"}}.
 */
export async function exportMessages(
  cluster: ClusterConfig,
  topic: string,
  query: ParsedMessageQuery,
  signal: AbortSignal,
): Promise<MessageExport> {
  const plan = await planScan(cluster, topic, query);
  const steps = scanTopic(cluster, plan, {
    filter: query.filter,
    limit: query.limit,
    maxScan: query.maxScan,
    isolation: query.isolation,
    signal,
    tuning: SEARCH_TUNING,
  });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = '';
      try {
        while (chunk.length < FLUSH_BYTES) {
          const next = await steps.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          if (next.value.type === 'match') chunk += `${JSON.stringify(next.value.message)}\n`;
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        const { body: errorBody } = toErrorBody(error);
        if (errorBody.error.code === 'INTERNAL') console.error('export failed', error);
        controller.enqueue(encoder.encode(`${chunk}${JSON.stringify(errorBody)}\n`));
        controller.close();
      }
    },
    async cancel() {
      await steps.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return { filename: `${topic}-${stamp}.ndjson`, body };
}
