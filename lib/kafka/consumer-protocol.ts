/**
 * The "consumer" embedded protocol of classic groups: what a member puts in its JoinGroup
 * metadata (its subscription) and what the leader hands it back (its assignment). Only groups
 * whose protocol type is "consumer" use it; Kafka Connect and others have their own formats, so
 * the decoders return null on anything they cannot read rather than guessing. Pure.
 */

export interface AssignedTopic {
  topic: string;
  partitions: number[];
}

class PlainReader {
  private position = 0;
  constructor(private readonly buffer: Buffer) {}

  private need(bytes: number): void {
    if (bytes < 0 || this.position + bytes > this.buffer.length) throw new RangeError('short consumer-protocol buffer');
  }

  int16(): number {
    this.need(2);
    const v = this.buffer.readInt16BE(this.position);
    this.position += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buffer.readInt32BE(this.position);
    this.position += 4;
    return v;
  }

  string(): string {
    const length = this.int16();
    this.need(length);
    const v = this.buffer.toString('utf8', this.position, this.position + length);
    this.position += length;
    return v;
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
