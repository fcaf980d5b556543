import { describe, expect, it } from 'vitest';
import { parseConsumerGroupDescribeResponse } from './consumer-group-describe';

/**
 * A ConsumerGroupDescribe v0 response body captured from Kafka 4.3.1 (after the response header),
 * asked for [fixture-cgd-group, orders-analytics, users-directory]: a KIP-848 group with one
 * running member assigned all three partitions of its topic, a classic group (an error entry),
 * and a KIP-848 group with no members. The broker answered in its own order.
 */
const captured = [
  '000000000400453047726f7570206f72646572732d616e616c7974696373206973206e6f74206120636f6e73756d65722067',
  '726f75702e116f72646572732d616e616c79746963730100000000000000000101800000000000000012666978747572652d',
  '6367642d67726f757007537461626c65000000020000000208756e69666f726d022535336466376332622d616639362d3437',
  '31302d386136352d6164303630383166313434300000000000021c6576656e742d73746f72652d636f6e736f6c652d666978',
  '747572650b2f3132372e302e302e310212666978747572652d6367642d746f7069630102b6b5fcaa412943ca95f381126149',
  '76b712666978747572652d6367642d746f70696304000000000000000100000002000002b6b5fcaa412943ca95f381126149',
  '76b712666978747572652d6367642d746f706963040000000000000001000000020000008000000000000000107573657273',
  '2d6469726563746f727906456d707479000000030000000208756e69666f726d01800000000000',
].join('');

describe('parseConsumerGroupDescribeResponse', () => {
  const response = parseConsumerGroupDescribeResponse(Buffer.from(captured, 'hex'));

  it('reads every group of the response, in the order the broker sent them', () => {
    expect(response.throttleTimeMs).toBe(0);
    expect(response.groups.map((g) => g.groupId)).toEqual([
      'orders-analytics',
      'fixture-cgd-group',
      'users-directory',
    ]);
  });

  it('reads a running group with its member, subscription and assignments', () => {
    const group = response.groups[1]!;
    expect(group).toMatchObject({
      errorCode: 0,
      errorMessage: null,
      groupState: 'Stable',
      groupEpoch: 2,
      assignmentEpoch: 2,
      assignorName: 'uniform',
    });
    expect(group.members).toHaveLength(1);
    const topic = {
      topicId: 'b6b5fcaa-4129-43ca-95f3-8112614976b7',
      topicName: 'fixture-cgd-topic',
      partitions: [0, 1, 2],
    };
    expect(group.members[0]).toEqual({
      memberId: '53df7c2b-af96-4710-8a65-ad06081f1440',
      instanceId: null,
      rackId: null,
      memberEpoch: 2,
      clientId: 'event-store-console-fixture',
      clientHost: '/127.0.0.1',
      subscribedTopicNames: ['fixture-cgd-topic'],
      subscribedTopicRegex: '',
      assignment: [topic],
      targetAssignment: [topic],
    });
  });

  it('reads an empty group and the error entry of a classic group', () => {
    expect(response.groups[2]).toMatchObject({
      groupId: 'users-directory',
      errorCode: 0,
      groupState: 'Empty',
      groupEpoch: 3,
      members: [],
    });
    expect(response.groups[0]).toMatchObject({
      errorCode: 69,
      errorMessage: 'Group orders-analytics is not a consumer group.',
      members: [],
    });
  });

  it('refuses a truncated response instead of inventing values', () => {
    const bytes = Buffer.from(captured, 'hex');
    expect(() => parseConsumerGroupDescribeResponse(bytes.subarray(0, bytes.length - 20))).toThrow(
      RangeError,
    );
    expect(() => parseConsumerGroupDescribeResponse(Buffer.concat([bytes, Buffer.from([0])]))).toThrow(
      /unread bytes/,
    );
  });
});
