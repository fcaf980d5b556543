import { Badge } from '@/components/ui/badge';

const TYPE_LABEL = { AVRO: 'Avro', JSON: 'JSON Schema', PROTOBUF: 'Protobuf' } as const;

export function SchemaTypeBadge({ type }: { type: keyof typeof TYPE_LABEL }) {
  return <Badge tone="neutral">{TYPE_LABEL[type]}</Badge>;
}

/** A compatibility level, and whether it is the subject's own or inherited from the global one. */
export function LevelBadge({
  level,
  source,
  testId,
}: {
  level: string;
  source?: 'subject' | 'global';
  testId?: string;
}) {
  return (
    <span
      className="inline-flex items-center gap-1.5"
      title={
        source === 'global'
          ? 'No level of its own: the global level applies'
          : source === 'subject'
            ? "The subject's own level"
            : undefined
      }
    >
      <Badge tone={level === 'NONE' ? 'warn' : 'info'} testId={testId}>
        {level}
      </Badge>
      {source === 'global' ? <span className="text-xs text-slate-400">global</span> : null}
    </span>
  );
}

/** Compatible or not, in one glance. */
export function VerdictBadge({ compatible, testId }: { compatible: boolean; testId?: string }) {
  return (
    <Badge tone={compatible ? 'good' : 'bad'} testId={testId}>
      {compatible ? 'compatible' : 'incompatible'}
    </Badge>
  );
}
