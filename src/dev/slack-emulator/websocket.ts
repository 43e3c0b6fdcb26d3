import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The server side of a WebSocket (RFC 6455), just enough for Socket Mode: text frames, ping/pong and
 * the close handshake. The emulator needs a server and Node has only a WebSocket client (undici's,
 * which @slack/socket-mode uses), so this small one lives here rather than in a dependency.
 */

const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Completes the opening handshake of an HTTP upgrade request; false (and a 400) when it is not one. */
export function acceptUpgrade(req: IncomingMessage, socket: Duplex): boolean {
  const key = req.headers['sec-websocket-key'];
  if (req.headers.upgrade?.toLowerCase() !== 'websocket' || typeof key !== 'string') {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    return false;
  }
  const accept = createHash('sha1').update(`${key}${ACCEPT_GUID}`).digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  return true;
}

/**
 * One accepted connection. Emits `message` (text), and `closed` once the socket is gone, whether
 * by the close handshake or by a drop.
 */
export class WebSocketConnection extends EventEmitter {
  private buffer = Buffer.alloc(0);
  /** Fragments of a message split across frames (opcode continuation). */
  private fragments: Buffer[] = [];
  private closeSent = false;
  private gone = false;

  constructor(private readonly socket: Duplex) {
    super();
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.readFrames();
    });
    socket.on('close', () => this.markGone());
    socket.on('error', () => this.markGone());
  }

  get open(): boolean {
    return !this.gone && !this.closeSent;
  }

  sendText(text: string): void {
    if (this.open) this.socket.write(frame(OPCODE.text, Buffer.from(text, 'utf8')));
  }

  /** Starts the close handshake: a close frame; the socket ends once the peer answers with its own. */
  close(code = 1000): void {
    if (!this.open) return;
    this.closeSent = true;
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code);
    this.socket.write(frame(OPCODE.close, payload));
  }

  /** Drops the connection without a close frame, as a network failure or a dead load balancer would. */
  terminate(): void {
    this.socket.destroy();
    this.markGone();
  }

  private markGone(): void {
    if (this.gone) return;
    this.gone = true;
    this.emit('closed');
  }

  private readFrames(): void {
    for (;;) {
      const parsed = parseFrame(this.buffer);
      if (!parsed) return;
      this.buffer = this.buffer.subarray(parsed.length);
      this.onFrame(parsed.fin, parsed.opcode, parsed.payload);
    }
  }

  private onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case OPCODE.ping:
        if (!this.gone) this.socket.write(frame(OPCODE.pong, payload));
        return;
      case OPCODE.pong:
        return;
      case OPCODE.close:
        // Answer the peer's close (unless this side started it), then end the TCP connection.
        if (!this.closeSent) {
          this.closeSent = true;
          this.socket.write(frame(OPCODE.close, payload.subarray(0, 2)));
        }
        this.socket.end();
        return;
      case OPCODE.text:
      case OPCODE.binary:
      case OPCODE.continuation:
        this.fragments.push(payload);
        if (fin) {
          const message = Buffer.concat(this.fragments).toString('utf8');
          this.fragments = [];
          this.emit('message', message);
        }
        return;
      default:
        // An unknown opcode is a protocol error (RFC 6455 5.2): fail the connection.
        this.terminate();
    }
  }
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** One frame from the start of `data` (clients mask theirs), or undefined while it is incomplete. */
function parseFrame(
  data: Buffer,
): { fin: boolean; opcode: number; payload: Buffer; length: number } | undefined {
  if (data.length < 2) return undefined;
  const fin = ((data[0] as number) & 0x80) !== 0;
  const opcode = (data[0] as number) & 0x0f;
  const masked = ((data[1] as number) & 0x80) !== 0;
  let length = (data[1] as number) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const maskLength = masked ? 4 : 0;
  if (data.length < offset + maskLength + length) return undefined;
  const mask = data.subarray(offset, offset + maskLength);
  const payload = Buffer.from(data.subarray(offset + maskLength, offset + maskLength + length));
  if (masked)
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return { fin, opcode, payload, length: offset + maskLength + length };
}
