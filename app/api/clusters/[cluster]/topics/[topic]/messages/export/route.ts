import type { NextRequest } from 'next/server';
import { getCluster } from '@/lib/config';
import { acquireRequestStreamSlot, errorResponse, parseOrThrow, releasingStream } from '@/lib/http/handler';
import { exportMessages } from '@/lib/messages/export-messages';
import { topicParams } from '@/lib/schemas/topics';
import { messageExportQuery } from '@/lib/messages/message-query';

export const dynamic = 'force-dynamic';

/** An NDJSON download rather than JSON or events, so it validates with the shared helpers itself. */
export const GET = async (request: NextRequest, context: { params: Promise<unknown> }): Promise<Response> => {
  try {
    const params = parseOrThrow(topicParams, await context.params, 'path');
    // The cluster first, as the route wrapper does: an unknown one is 404 whatever the query says.
    const cluster = getCluster(params.cluster);
    const query = parseOrThrow(
      messageExportQuery,
      Object.fromEntries(request.nextUrl.searchParams.entries()),
      'query',
    );
    // A download holds a scan as long as a search does, so it takes one of the user's stream slots.
    const release = acquireRequestStreamSlot(request);
    let download: Awaited<ReturnType<typeof exportMessages>>;
    try {
      download = await exportMessages(cluster, params.topic, query, request.signal);
    } catch (error) {
      release();
      throw error;
    }
    const { filename, body } = download;
    return new Response(releasingStream(body, release), {
      headers: {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
};
