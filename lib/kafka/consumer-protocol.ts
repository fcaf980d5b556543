/**
 * The "consumer" embedded protocol of classic groups: what a member puts in its JoinGroup
 * metadata (its subscription) and what the leader hands it back (its assignment). Only groups
 * whose protocol type is "consumer" use it; Kafka Connect and others have their own formats, so
 * the decoders return null on anything they cannot read rather than guessing. Pure.
 */

import { ByteReader } from './byte-reader';

export interface AssignedTopic {
  topic: string;
  partitions: number[];
}

class PlainReader extends ByteReader {
  constructor(buffer: Buffer) {
    super(buffer, 'consumer-protocol buffer');
  }

  string(): string {
    return this.utf8(this.int16());
  }

  array<T>(item: () => T): T[] {
    const length = this.int32();
    if (length < 0) return [];
    // Each entry takes at least one byte: a length larger than what is left is not this protocol.
    this.need(length);
    return Array.from({ length }, item);
  }
}

/** The topics a member subscribed to, from its JoinGroup metadata. */
export function decodeConsumerSubscription(metadata: Buffer | null | undefined): string[] | null {
  if (!metadata || metadata.length < 2) return null;
  try {
    const r = new PlainReader(metadata);
    r.int16(); // version
    return r.array(() => r.string());
  } catch {
    return null;
  }
}

/** The partitions the leader assigned a member, from its SyncGroup assignment. */
export function decodeConsumerAssignment(assignment: Buffer | null | undefined): AssignedTopic[] | null {
  if (!assignment || assignment.length < 2) return null;
  try {
    const r = new PlainReader(assignment);
    r.int16(); // version
    return r.array(() => ({ topic: r.string(), partitions: r.array(() => r.int32()) }));
  } catch {
    return null;
  }
}
