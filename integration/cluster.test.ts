import { afterAll, describe, expect, it } from 'vitest';
import { closeAdmins } from '@/lib/kafka/admin';
import { describeCluster } from '@/lib/kafka/cluster';
import { RegistryClient } from '@/lib/registry/client';
import { localCluster, unreachableCluster, uniqueName } from './support';

afterAll(closeAdmins);

describe('cluster description on the local broker', () => {
  it('reports the KRaft node as broker and controller', async () => {
    const d = await describeCluster(localCluster());
    expect(d.brokers).toHaveLength(1);
    expect(d.brokers[0]).toMatchObject({ host: '127.0.0.1', port: 9092, isController: true });
    expect(d.controllerId).toBe(d.brokers[0]!.nodeId);
    expect(d.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(d.internalTopicCount).toBeGreaterThanOrEqual(1);
  });

  it('says in words that no broker could be reached', async () => {
    const started = Date.now();
    await expect(describeCluster(unreachableCluster())).rejects.toMatchObject({
      code: 'BROKER_UNAVAILABLE',
      message: expect.stringContaining('no broker of this cluster could be reached'),
    });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('schema registry (Apicurio, Confluent-compatible API)', () => {
  const registry = new RegistryClient(localCluster().registry!);
  const created: string[] = [];
  afterAll(async () => {
    for (const subject of created) await registry.deleteSubject(subject, true);
  });

  it('registers an Avro schema and serves it by its integer id', async () => {
    const subject = `${uniqueName('subject')}-value`;
    const schema = JSON.stringify({
      type: 'record',
      name: 'Ping',
      namespace: 'it',
      fields: [{ name: 'n', type: 'int' }],
    });
    const id = await registry.register(subject, schema);
    created.push(subject);
    expect(Number.isInteger(id)).toBe(true);
    const byId = await registry.getSchemaById(id);
    expect(byId.schemaType).toBe('AVRO');
    expect(JSON.parse(byId.schema)).toMatchObject({ name: 'Ping', fields: [{ name: 'n', type: 'int' }] });
    expect(await registry.listSubjects()).toContain(subject);
    const latest = await registry.getSubjectVersion(subject, 'latest');
    expect(latest).toMatchObject({ id, subject, version: 1 });
  });

  it('deletes a subject for good', async () => {
    const subject = `${uniqueName('subject')}-value`;
    await registry.register(subject, JSON.stringify({ type: 'record', name: 'Gone', fields: [] }));
    await registry.deleteSubject(subject, true);
    expect(await registry.listSubjects()).not.toContain(subject);
  });

  it('answers UNKNOWN_SCHEMA for an id that does not exist', async () => {
    await expect(registry.getSchemaById(987_654_321)).rejects.toMatchObject({ code: 'UNKNOWN_SCHEMA' });
  });

  it('answers UNKNOWN_SUBJECT for a subject that does not exist', async () => {
    await expect(registry.listVersions(uniqueName('missing'))).rejects.toMatchObject({
      code: 'UNKNOWN_SUBJECT',
    });
  });

  it('answers BAD_REQUEST, not an outage, for a subject name the registry refuses', async () => {
    await expect(registry.listVersions('\n')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('rejected the request'),
    });
  });

  it('says in words that the registry is unreachable', async () => {
    const down = new RegistryClient(unreachableCluster().registry!);
    await expect(down.listSubjects()).rejects.toMatchObject({
      code: 'REGISTRY_UNAVAILABLE',
      message: expect.stringContaining('could not be reached'),
    });
  });
});
