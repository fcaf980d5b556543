/**
 * Big-endian reading of Kafka protocol bytes with bounds checks, shared by the hand-written
 * parsers (ConsumerGroupDescribe responses, the consumer embedded protocol). Pure.
 */
export class ByteReader {
  protected position = 0;
  constructor(
    protected readonly buffer: Buffer,
    /** Names the structure in bounds errors. */
    private readonly what: string,
  ) {}

  protected need(bytes: number): void {
    if (bytes < 0 || this.position + bytes > this.buffer.length) {
      throw new RangeError(
        `${this.what} ends at byte ${this.buffer.length}, ${bytes} more needed at ${this.position}`,
      );
    }
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

  /** `length` bytes as UTF-8. */
  protected utf8(length: number): string {
    this.need(length);
    const v = this.buffer.toString('utf8', this.position, this.position + length);
    this.position += length;
    return v;
  }
}
