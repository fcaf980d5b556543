import { route } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

/** Liveness of the console process itself; cluster health is per cluster. */
export const GET = route({ public: true, run: async () => ({ status: 'ok' }) });
