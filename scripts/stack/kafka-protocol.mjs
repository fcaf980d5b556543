// Just enough of the Kafka wire protocol to ask a broker who is in the cluster: Metadata v4
// (understood by Kafka 1.0 up to 4.x; 4.0 dropped v0-v3) and ApiVersions v0 (to see whether
// the KIP-848 ConsumerGroupHeartbeat API is offered).
import net from 'node:net';

const CLIENT_ID = Buffer.from('stack-probe');

function request(host, port, apiKey, apiVersion, body, timeoutMs) {
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(1, 4); // correlation id
  header.writeInt16BE(CLIENT_ID.length, 8);
  const payload = Buffer.concat([header, CLIENT_ID, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);

  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    const fail = (err) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('timeout')));
    socket.once('error', fail);
    socket.once('connect', () => socket.write(Buffer.concat([size, payload])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= 4 + received.readInt32BE(0)) {
        socket.end();
        resolve(received.subarray(8, 4 + received.readInt32BE(0))); // skip size and correlation id
      }
    });
    socket.once('end', () => reject(new Error('connection closed')));
  });
}

class Reader {
  constructor(buf) {
    this.buf = buf;
    this.at = 0;
  }
  int16() {
    const v = this.buf.readInt16BE(this.at);
    this.at += 2;
    return v;
  }
  int32() {
    const v = this.buf.readInt32BE(this.at);
    this.at += 4;
    return v;
  }
  string() {
    const len = this.int16();
    if (len < 0) return null;
    const v = this.buf.toString('utf8', this.at, this.at + len);
    this.at += len;
    return v;
  }
}

/** @returns {Promise<{ brokers: {nodeId:number, host:string, port:number}[], clusterId: string|null, controllerId: number }>} */
export async function fetchMetadata(host, port, timeoutMs = 3000) {
  const body = Buffer.alloc(5);
  body.writeInt32BE(0, 0); // topics: empty array = no topics, brokers only
  body.writeInt8(0, 4); // allow_auto_topic_creation = false
  const r = new Reader(await request(host, port, 3, 4, body, timeoutMs));
  r.int32(); // throttle_time_ms
  const brokers = [];
  for (let n = r.int32(); n > 0; n--)
    brokers.push({ nodeId: r.int32(), host: r.string(), port: r.int32(), rack: r.string() });
  const clusterId = r.string();
  const controllerId = r.int32();
  return { brokers, clusterId, controllerId };
}

/** @returns {Promise<Map<number, [number, number]>>} api key -> [min, max] version */
export async function fetchApiVersions(host, port, timeoutMs = 3000) {
  const r = new Reader(await request(host, port, 18, 0, Buffer.alloc(0), timeoutMs));
  const error = r.int16();
  if (error !== 0) throw new Error(`ApiVersions error ${error}`);
  const apis = new Map();
  for (let n = r.int32(); n > 0; n--) apis.set(r.int16(), [r.int16(), r.int16()]);
  return apis;
}

export const CONSUMER_GROUP_HEARTBEAT = 68;
