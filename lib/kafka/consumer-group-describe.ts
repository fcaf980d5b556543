import 'server-only';
import { consumerGroupDescribeV0, createAPI } from '@platformatic/kafka';
import type { ClusterConfig } from '@/lib/config/schema';
import { ByteReader } from './byte-reader';
import { toAppError } from './errors';
import { forEachGroupCoordinator, type GroupCoordinator } from './group-coordinators';

/**
 * ConsumerGroupDescribe (API key 69, version 0): the description of KIP-848 ("consumer") groups,
 * which the classic DescribeGroups reports as Dead. The client exports this API, but its response
 * parser reads `subscribed_topic_names` as one string and skips no tagged fields, so it fails on
 * every real response; we keep its request writer and parse the response ourselves.
 */

export type { GroupCoordinator };

export interface TopicPartitions {
  topicId: string;
  topicName: string;
  partitions: number[];
}

export interface ConsumerGroupMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  memberEpoch: number;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string | null;
  assignment: TopicPartitions[];
  targetAssignment: TopicPartitions[];
}

export interface ConsumerGroupDescription {
  /** The broker that coordinates the group (filled in by the describe call, not the parser). */
  coordinator?: GroupCoordinator;
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  /** "Empty", "Assigning", "Reconciling", "Stable" or "Dead". */
  groupState: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: ConsumerGroupMember[];
  authorizedOperations: number;
}

export interface ConsumerGroupDescribeResponse {
  throttleTimeMs: number;
  groups: ConsumerGroupDescription[];
}

/** Reads the compact ("flexible version") encodings of the Kafka protocol from a buffer. */
class CompactReader extends ByteReader {
  constructor(buffer: Buffer) {
    super(buffer, 'ConsumerGroupDescribe response');
  }

  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      this.need(1);
      const byte = this.buffer[this.position++]!;
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value >>> 0;
    }
    throw new RangeError('varint longer than 5 bytes');
  }

  nullableString(): string | null {
    const length = this.uvarint() - 1;
    if (length < 0) return null;
    return this.utf8(length);
  }

  string(): string {
    const v = this.nullableString();
    if (v === null) throw new RangeError(`null where a string is required, at byte ${this.position}`);
    return v;
  }

  uuid(): string {
    this.need(16);
    const hex = this.buffer.toString('hex', this.position, this.position + 16);
    this.position += 16;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  array<T>(item: (r: CompactReader) => T): T[] {
    const length = this.uvarint() - 1;
    const out: T[] = [];
    for (let i = 0; i < length; i++) out.push(item(this));
    return out;
  }

  /** Tagged fields we do not know are skipped, as the protocol intends. */
  taggedFields(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint(); // tag
      const size = this.uvarint();
      this.need(size);
      this.position += size;
    }
  }

  get remaining(): number {
    return this.buffer.length - this.position;
  }
}

function readAssignment(r: CompactReader): TopicPartitions[] {
  const topics = r.array((t) => {
    const entry = { topicId: t.uuid(), topicName: t.string(), partitions: t.array((p) => p.int32()) };
    t.taggedFields();
    return entry;
  });
  r.taggedFields();
  return topics;
}

function readMember(r: CompactReader): ConsumerGroupMember {
  const member: ConsumerGroupMember = {
    memberId: r.string(),
    instanceId: r.nullableString(),
    rackId: r.nullableString(),
    memberEpoch: r.int32(),
    clientId: r.string(),
    clientHost: r.string(),
    subscribedTopicNames: r.array((s) => s.string()),
    subscribedTopicRegex: r.nullableString(),
    assignment: readAssignment(r),
    targetAssignment: readAssignment(r),
  };
  r.taggedFields();
  return member;
}

function readGroup(r: CompactReader): ConsumerGroupDescription {
  const group: ConsumerGroupDescription = {
    errorCode: r.int16(),
    errorMessage: r.nullableString(),
    groupId: r.string(),
    groupState: r.string(),
    groupEpoch: r.int32(),
    assignmentEpoch: r.int32(),
    assignorName: r.string(),
    members: r.array(readMember),
    authorizedOperations: r.int32(),
  };
  r.taggedFields();
  return group;
}

/**
 * Parses the body of a ConsumerGroupDescribe v0 response (after the response header). Pure, so
 * it is tested on bytes captured from a real broker.
 */
export function parseConsumerGroupDescribeResponse(body: Buffer): ConsumerGroupDescribeResponse {
  const r = new CompactReader(body);
  const response = { throttleTimeMs: r.int32(), groups: r.array(readGroup) };
  r.taggedFields();
  if (r.remaining !== 0)
    throw new RangeError(`ConsumerGroupDescribe response has ${r.remaining} unread bytes`);
  return response;
}

type DescribeRequest = [groupIds: string[], includeAuthorizedOperations: boolean];

const consumerGroupDescribeApi = createAPI<DescribeRequest, ConsumerGroupDescribeResponse>(
  69,
  0,
  consumerGroupDescribeV0.createRequest,
  (_correlationId, _apiKey, _apiVersion, reader) =>
    parseConsumerGroupDescribeResponse(reader.buffer.slice(reader.position, reader.length)),
);

/** GROUP_ID_NOT_FOUND: the id names no group, or a classic one. */
export const GROUP_ID_NOT_FOUND = 69;

/**
 * Describes KIP-848 groups, each at its coordinator. A group that is not a "consumer" group
 * comes back with `errorCode` GROUP_ID_NOT_FOUND rather than failing the whole call.
 */
export async function describeConsumerGroups(
  cluster: ClusterConfig,
  groupIds: readonly string[],
): Promise<Map<string, ConsumerGroupDescription>> {
  const result = new Map<string, ConsumerGroupDescription>();
  if (groupIds.length === 0) return result;
  try {
    const coordinatorOf = await forEachGroupCoordinator(cluster, groupIds, async (connection, ids) => {
      const response = await consumerGroupDescribeApi.async(connection, ids, false);
      for (const group of response.groups) result.set(group.groupId, group);
    });
    for (const [id, group] of result) result.set(id, { ...group, coordinator: coordinatorOf.get(id) });
    return result;
  } catch (error) {
    throw toAppError(error, `describing consumer groups ${groupIds.join(', ')}`);
  }
}
