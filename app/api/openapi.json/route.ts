import { route } from '@/lib/http/handler';
import { buildOpenApiDocument } from '@/lib/openapi/build-document';
import { allOperations } from '@/lib/openapi/operations';

// Built on request (once per process): prerendering at build time would run the route wrapper
// without a real request, and a failure there would be served as the document forever.
export const dynamic = 'force-dynamic';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const GET = route({
  public: true,
  run: async () =>
    (document ??= buildOpenApiDocument(allOperations, {
      title: 'Event Store Console API',
      version: '0.1.0',
    })),
});
