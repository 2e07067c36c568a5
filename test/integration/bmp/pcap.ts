/**
 * Wraps a recorded TCP byte stream (what bambud sent to a BMP collector) into a classic pcap file
 * (Ethernet / IPv4 / TCP with a three-way handshake and 1400-octet segments) so that tshark's
 * dissectors can decode it without capture privileges. The payload bytes are exactly the ones
 * received on the socket; only the framing is synthetic.
 */
import { writeFileSync } from 'node:fs';

const MSS = 1400;

function ipv4(s: string): Buffer {
  return Buffer.from(s.split('.').map(Number));
}

function checksum(b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < b.length; i += 2) sum += (b[i]! << 8) + (b[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

interface Endpoint {
  ip: string;
  port: number;
}

function frame(src: Endpoint, dst: Endpoint, seq: number, ack: number, flags: number, payload: Buffer): Buffer {
  const eth = Buffer.from('0000000000020000000000010800', 'hex');
  const tcp = Buffer.alloc(20);
  tcp.writeUInt16BE(src.port, 0);
  tcp.writeUInt16BE(dst.port, 2);
  tcp.writeUInt32BE(seq >>> 0, 4);
  tcp.writeUInt32BE(ack >>> 0, 8);
  tcp.writeUInt8(5 << 4, 12);
  tcp.writeUInt8(flags, 13);
  tcp.writeUInt16BE(65535, 14);
  const ip = Buffer.alloc(20);
  ip.writeUInt8(0x45, 0);
  ip.writeUInt16BE(20 + 20 + payload.length, 2);
  ip.writeUInt16BE(0x4000, 6);
  ip.writeUInt8(64, 8);
  ip.writeUInt8(6, 9);
  ipv4(src.ip).copy(ip, 12);
  ipv4(dst.ip).copy(ip, 16);
  ip.writeUInt16BE(checksum(ip), 10);
  return Buffer.concat([eth, ip, tcp, payload]);
}

/**
 * Writes `stream` (client → server) as a pcap file.
 * @param client the sender (bambud's side), server the collector
 */
export function writeTcpStreamPcap(path: string, stream: Buffer, client: Endpoint, server: Endpoint): void {
  const SYN = 0x02;
  const ACK = 0x10;
  const PSH = 0x08;
  const FIN = 0x01;
  const frames: Buffer[] = [];
  let cseq = 1000;
  const sseq = 5000;
  frames.push(frame(client, server, cseq, 0, SYN, Buffer.alloc(0)));
  frames.push(frame(server, client, sseq, cseq + 1, SYN | ACK, Buffer.alloc(0)));
  cseq++;
  frames.push(frame(client, server, cseq, sseq + 1, ACK, Buffer.alloc(0)));
  for (let o = 0; o < stream.length; o += MSS) {
    const chunk = stream.subarray(o, Math.min(o + MSS, stream.length));
    frames.push(frame(client, server, cseq, sseq + 1, PSH | ACK, chunk));
    cseq += chunk.length;
    frames.push(frame(server, client, sseq + 1, cseq, ACK, Buffer.alloc(0)));
  }
  frames.push(frame(client, server, cseq, sseq + 1, FIN | ACK, Buffer.alloc(0)));
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  const parts: Buffer[] = [header];
  const t0 = Math.floor(Date.now() / 1000);
  frames.forEach((f, i) => {
    const h = Buffer.alloc(16);
    h.writeUInt32LE(t0, 0);
    h.writeUInt32LE(i, 4);
    h.writeUInt32LE(f.length, 8);
    h.writeUInt32LE(f.length, 12);
    parts.push(h, f);
  });
  writeFileSync(path, Buffer.concat(parts));
}
