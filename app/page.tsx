import { redirect } from 'next/navigation';
import { ErrorPanel } from '@/components/ui/error-panel';
import { getConfig } from '@/lib/config';
import { ConfigError } from '@/lib/config/load';

export const dynamic = 'force-dynamic';

export default function Home() {
  let firstCluster: string | undefined;
  try {
    firstCluster = getConfig().clusters[0]?.id;
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : 'the configuration could not be read';
    return (
      <div className="p-8">
        <ErrorPanel
          title="The console is not configured"
          message={message}
          code="CONFIG_INVALID"
          testId="config-error"
        />
      </div>
    );
  }
  if (firstCluster) redirect(`/clusters/${firstCluster}`);
  return null;
}
