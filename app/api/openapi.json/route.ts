import { route } from '@/lib/http/handler';
import { buildOpenApiDocument } from '@/lib/openapi/build-document';
import { allOperations } from '@/lib/openapi/operations';

export const dynamic = 'force-static';

export const GET = route({ public: true, run: async () => buildOpenApiDocument(allOperations, { title: 'Event Store Console API', version: '0.1.0' }) });
