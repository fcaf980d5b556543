import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TOPIC } from '@/lib/audit/record-audit';
import { closeAdmins } from '@/lib/kafka/admin';
import { closeReaders, readPartitionRange, readWatermarks } from '@/lib/kafka/reader';
import type { SchemaUsageEvent } from '@/lib/schemas/subjects';
import { createTopicIfMissing, deleteTopicsIfPresent } from '@/lib/kafka/topics';
import { RegistryClient } from '@/lib/registry/client';
import { planDemoSeed, demoTopicName } from '@/lib/demo';
import { checkDraft } from '@/lib/schema-review/check-draft';
import { diffSubjectVersions } from '@/lib/schema-review/diff-subject-versions';
import { getSubject } from '@/lib/schema-review/get-subject';
import { listSubjects } from '@/lib/schema-review/list-subjects';
import { registerSchema } from '@/lib/schema-review/register-schema';
import { scanSchemaUsage } from '@/lib/schema-review/scan-schema-usage';
import { setCompatibilityLevel } from '@/lib/schema-review/set-compatibility-level';
import { localCluster, uniqueName } from './support';

/**
 * Schema review on the real registry, under this file's own subject `<topic>-value`:
 * v1 { id, status: enum }, v2 adds `coupon` with a default. Drafts, registrations and level
 * changes happen here too; the subject and topic are removed at the end.
 */
const cluster = localCluster();
const readOnlyCluster = { ...cluster, id: 'local-readonly', readOnly: true };
const topic = uniqueName('schemas');
const subject = `${topic}-value`;
const registry = new RegistryClient(cluster.registry!);
const previousConfig = process.env.CONSOLE_CONFIG;

const status = { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'REFUNDED'] };
const v1 = {
  type: 'record',
  name: 'Payment',
  namespace: 'it.schemas',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'status', type: status },
  ],
};
const v2 = { ...v1, fields: [...v1.fields, { name: 'coupon', type: 'string', default: '' }] };

async function lastAuditEntries(
  n = 30,
): Promise<{ action: string; target: string; details: Record<string, unknown> }[]> {
  const [marks] = await readWatermarks(cluster, AUDIT_TOPIC);
  const from = marks!.high > BigInt(n) ? marks!.high - BigInt(n) : 0n;
  const { records } = await readPartitionRange(cluster, {
    topic: AUDIT_TOPIC,
    partition: 0,
    fromOffset: from,
    limit: n,
  });
  return records.map((r) => JSON.parse(r.value!.toString('utf8')));
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'schemas-it-'));
  const file = path.join(dir, 'console.json');
  writeFileSync(
    file,
    JSON.stringify({
      clusters: [
        { ...cluster, id: 'local' },
        { ...cluster, id: 'local-readonly', readOnly: true },
      ],
    }),
  );
  process.env.CONSOLE_CONFIG = file;
  await createTopicIfMissing(cluster, { name: topic, partitions: 1 });
  await registry.register(subject, JSON.stringify(v1));
  await registry.register(subject, JSON.stringify(v2));
});

afterAll(async () => {
  await registry.deleteSubject(subject, true).catch(() => undefined);
  await deleteTopicsIfPresent(cluster, [topic]);
  await closeReaders();
  await closeAdmins();
  if (previousConfig === undefined) delete process.env.CONSOLE_CONFIG;
  else process.env.CONSOLE_CONFIG = previousConfig;
});

describe('schema review on the real registry', () => {
  it('lists the subject with its versions, latest id, level and topic', async () => {
    const list = await listSubjects(cluster, { q: subject });
    expect(list.subjects).toHaveLength(1);
    const [row] = list.subjects;
    expect(row).toMatchObject({
      subject,
      schemaType: 'AVRO',
      versionCount: 2,
      deletedVersionCount: 0,
      latestVersion: 2,
      topics: [{ topic, role: 'value' }],
    });
    expect(row!.latestId).toBe((await registry.getSubjectVersion(subject, 2)).id);
    expect(row!.compatibility.level).toBe(list.globalCompatibility);
    expect((await listSubjects(cluster, { q: subject, type: 'PROTOBUF' })).subjects).toEqual([]);
  });

  it('shows each version pretty and canonical', async () => {
    const detail = await getSubject(cluster, subject);
    expect(detail.versions.map((v) => [v.version, v.deleted])).toEqual([
      [1, false],
      [2, false],
    ]);
    expect(detail.versions[1]!.pretty).toContain('\n  "fields"');
    expect(detail.versions[1]!.canonical).toBe(
      '{"name":"it.schemas.Payment","type":"record","fields":[{"name":"id","type":"string"},{"name":"status","type":{"name":"it.schemas.Status","type":"enum","symbols":["NEW","PAID","REFUNDED"]}},{"name":"coupon","type":"string"}]}',
    );
  });

  it('diffs the latest version against the one before, with the registry agreeing', async () => {
    const diff = await diffSubjectVersions(cluster, subject, {});
    expect([diff.from.version, diff.to.version]).toEqual([1, 2]);
    expect(diff.changes).toEqual([expect.objectContaining({ kind: 'field-added', path: '/coupon' })]);
    expect(diff.unsupported).toBeNull();
    expect(diff.backward!.compatible && diff.forward!.compatible).toBe(true);
    expect(diff.registry).toEqual({ status: 'answered', compatible: true, messages: [] });
    expect(diff.agree).toBe(true);
    await expect(diffSubjectVersions(cluster, subject, { from: 1, to: 9 })).rejects.toMatchObject({
      code: 'UNKNOWN_SUBJECT',
    });
  });

  it('changes the subject level, audited, and reads it back', async () => {
    const changed = await setCompatibilityLevel(cluster, subject, 'FULL');
    expect(changed).toMatchObject({ subject, after: 'FULL', source: 'subject' });
    const audit = (await lastAuditEntries()).filter(
      (e) => e.action === 'set-compatibility' && e.target === subject,
    );
    expect(audit.at(-1)!.details).toMatchObject({ requested: 'FULL', after: 'FULL' });
    await expect(setCompatibilityLevel(readOnlyCluster, subject, 'NONE')).rejects.toMatchObject({
      code: 'READ_ONLY',
    });
  });

  it('checks an incompatible draft: each problem with its path, the registry agreeing', async () => {
    const draft = {
      ...v2,
      fields: [
        v2.fields[0],
        { name: 'status', type: { ...status, symbols: ['NEW', 'PAID'] } },
        v2.fields[2],
        { name: 'channel', type: 'string' },
      ],
    };
    const check = await checkDraft(cluster, subject, {
      schema: JSON.stringify(draft),
      schemaType: 'AVRO',
      references: [],
    });
    expect(check.level).toBe('FULL');
    expect(check.ours!.compatible).toBe(false);
    expect(check.ours!.problems.map((p) => [p.direction, p.path, p.rule])).toEqual(
      expect.arrayContaining([
        ['backward', '/status', 'MISSING_ENUM_SYMBOLS'],
        ['backward', '/channel', 'READER_FIELD_MISSING_DEFAULT_VALUE'],
      ]),
    );
    expect(check.registry).toMatchObject({ status: 'answered', compatible: false });
    expect(check.agree).toBe(true);
    await expect(
      registerSchema(cluster, subject, {
        schema: JSON.stringify(draft),
        schemaType: 'AVRO',
        references: [],
        confirm: subject,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('registers a compatible draft, confirmed and audited, refused on a read-only cluster', async () => {
    const draft = JSON.stringify({
      ...v2,
      fields: [...v2.fields, { name: 'note', type: ['null', 'string'], default: null }],
    });
    const check = await checkDraft(cluster, subject, { schema: draft, schemaType: 'AVRO', references: [] });
    expect(check.ours!.compatible).toBe(true);
    expect(check.agree).toBe(true);
    await expect(
      registerSchema(readOnlyCluster, subject, {
        schema: draft,
        schemaType: 'AVRO',
        references: [],
        confirm: subject,
      }),
    ).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(
      registerSchema(cluster, subject, {
        schema: draft,
        schemaType: 'AVRO',
        references: [],
        confirm: 'wrong',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const registered = await registerSchema(cluster, subject, {
      schema: draft,
      schemaType: 'AVRO',
      references: [],
      confirm: subject,
    });
    expect(registered).toMatchObject({ subject, version: 3, alreadyRegistered: false });
    const audit = (await lastAuditEntries()).filter(
      (e) => e.action === 'register-schema' && e.target === subject,
    );
    expect(audit.at(-1)!.details).toMatchObject({ version: 3, id: registered.id });

    const diff = await diffSubjectVersions(cluster, subject, { from: 1, to: 3 });
    expect(diff.changes.map((c) => `${c.kind} ${c.path}`).sort()).toEqual([
      'field-added /coupon',
      'field-added /note',
    ]);
    expect(diff.ours!.compatible).toBe(true);
    expect(diff.agree).toBe(true);
  });

  it('diffs and checks JSON Schema subjects too (the demo payments-value), with the registry agreeing', async () => {
    const diff = await diffSubjectVersions(cluster, 'payments-value', {});
    expect(diff.schemaType).toBe('JSON');
    expect(diff.unsupported).toBeNull();
    expect(diff.changes).toEqual([]);
    expect(diff.ours).toEqual({ compatible: true });
    expect(diff.registry).toMatchObject({ status: 'answered', compatible: true });
    expect(diff.agree).toBe(true);
  });

  it('removes the subject level so the global one applies again', async () => {
    const changed = await setCompatibilityLevel(cluster, subject, null);
    expect(changed.source).toBe('global');
    expect(changed.after).toBe(await registry.getGlobalCompatibility());
  });
});

describe('what the demo orders topic holds', () => {
  it('finds the three writer versions with the counts the generator planned, and that v3 reads them all', async () => {
    const { records } = await readPartitionRange(cluster, {
      topic: demoTopicName('manifest'),
      partition: 0,
      fromOffset: 0n,
      limit: 10,
    });
    const manifest = JSON.parse(records.at(-1)!.value!.toString('utf8')) as {
      seed: number;
      events: number;
      schemaIds: Record<string, Record<string, number>>;
    };
    const plan = planDemoSeed({ seed: manifest.seed, events: manifest.events });
    const idOfVersion = manifest.schemaIds[`${demoTopicName('orders')}-value`]!;
    const planned = new Map<number, number>();
    for (const o of plan.orders)
      planned.set(
        idOfVersion[String(o.event.schemaVersion)]!,
        (planned.get(idOfVersion[String(o.event.schemaVersion)]!) ?? 0) + 1,
      );

    const events: SchemaUsageEvent[] = [];
    for await (const event of scanSchemaUsage(
      cluster,
      { topic: demoTopicName('orders'), part: 'value' },
      new AbortController().signal,
    ))
      events.push(event);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error(`the scan ended with ${done.type}`);
    expect(done.reason).toBe('end');
    expect(done.sampled).toBe(false);
    expect(done.scanned).toBe(plan.orders.length);
    expect(new Map(done.usage.map((u) => [u.schemaId, u.count]))).toEqual(planned);
    for (const u of done.usage) {
      expect(u.versions).toContainEqual({
        subject: 'orders-value',
        version: Number(Object.entries(idOfVersion).find(([, id]) => id === u.schemaId)![0]),
      });
      expect(u.partitions.reduce((n, p) => n + p.count, 0)).toBe(u.count);
    }
    expect(done.replay?.reader).toMatchObject({ subject: 'orders-value', version: 3 });
    expect(done.replay?.safe).toBe(true);
    const v1 = done.replay!.writers.find((w) => w.label === 'v1')!;
    expect(v1.verdict?.compatible).toBe(true);
    expect(v1.changes.map((c) => `${c.kind} ${c.path}`)).toContain('field-added /correlationId');
    expect(v1.samples.length).toBeGreaterThan(0);
    for (const sample of v1.samples)
      expect(sample).toMatchObject({ ok: true, value: { correlationId: null } });
  });

  it('reads only the newest records of each partition when asked for a sample, and says so', async () => {
    const events: SchemaUsageEvent[] = [];
    for await (const event of scanSchemaUsage(
      cluster,
      { topic: demoTopicName('orders'), part: 'value', sample: 10 },
      new AbortController().signal,
    ))
      events.push(event);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error(`the scan ended with ${done.type}`);
    const marks = await readWatermarks(cluster, demoTopicName('orders'));
    expect(done.sampled).toBe(true);
    expect(done.scanned).toBe(marks.reduce((n, m) => n + Math.min(10, Number(m.high - m.low)), 0));
  });
});
