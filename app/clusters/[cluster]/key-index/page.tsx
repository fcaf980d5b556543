import { KeyIndexPage } from '@/components/keyindex/key-index-page';

export default async function KeyIndexRoute({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return <KeyIndexPage clusterId={cluster} />;
}
