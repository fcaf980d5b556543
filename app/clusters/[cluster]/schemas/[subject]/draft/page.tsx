import { DraftCheckView } from '@/components/schemas/draft-check-view';

export default async function SubjectDraftPage({
  params,
}: {
  params: Promise<{ cluster: string; subject: string }>;
}) {
  const { cluster, subject } = await params;
  return <DraftCheckView clusterId={cluster} subject={decodeURIComponent(subject)} />;
}
