import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ApiAnswer, fail } from './methods';
import { acceptUpgrade, WebSocketConnection } from './websocket';

/**
 * Slack's side of Socket Mode (https://api.slack.com/apis/socket-mode): `apps.connections.open`, called
 * with the app-level token, answers a one-time `wss://` URL (here `ws://…/link/?ticket=…`); on connect
 * Slack sends `hello`, then delivers each request as an envelope and waits for the app's ack
 * (`{envelope_id, payload?}`). Tests can also ask for a refresh (`disconnect`), drop the socket, or
 * redeliver an envelope as Slack does when an ack is late.
 */

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
  payload: Record<string, unknown>;
}

export interface SocketAck {
  envelopeId: string;
  /** What the app put in its ack: a command's immediate answer, a view_submission's response_action… */
  payload: Record<string, unknown> | undefined;
  /** How long the app took to ack, in ms. */
  ms: number;
}

/** One WebSocket connection the app opened, as Slack would count it. */
export interface SocketConnectionRecord {
  id: number;
  ticket: string;
  openedAt: number;
  closedAt?: number;
}

/**
 * How long a delivery waits for its ack before failing. Slack's own deadline is 3 s (then it
 * redelivers); waiting longer lets a test see a slow ack's `ms` instead of an error.
 */
const DEFAULT_ACK_WAIT_MS = 10_000;
const DEFAULT_WAIT_MS = 10_000;

interface PendingAck {
  sentAt: number;
  resolve(ack: SocketAck): void;
  reject(error: Error): void;
}

export class SocketModeServer {
  /** Every connection the app opened, oldest first. */
  readonly connections: SocketConnectionRecord[] = [];
  /** Every envelope delivered, redeliveries included, in order. */
  readonly envelopes: Envelope[] = [];
  /** Every ack received, in order. */
  readonly acks: SocketAck[] = [];

  private readonly tickets = new Set<string>();
  private readonly live = new Map<number, WebSocketConnection>();
  private readonly pending = new Map<string, PendingAck[]>();
  private readonly events = new EventEmitter();

  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
  ) {
    this.events.setMaxListeners(0);
  }

  /** `apps.connections.open`: a URL with a fresh one-time ticket, for an app-level token only. */
  open(token: string): ApiAnswer {
    if (!token.startsWith('xapp-')) return fail('not_allowed_token_type');
    const ticket = randomUUID();
    this.tickets.add(ticket);
    const wsBase = this.baseUrl.replace(/^http/, 'ws');
    return { ok: true, url: `${wsBase}/link/?ticket=${ticket}&app_id=${this.appId}` };
  }

  /** Takes an HTTP upgrade to `/link/`; a ticket not minted by `open`, or already used, is refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, url: URL): void {
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!acceptUpgrade(req, socket)) return;
    const connection = new WebSocketConnection(socket);
    const record: SocketConnectionRecord = { id: this.connections.length + 1, ticket, openedAt: Date.now() };
    this.connections.push(record);
    this.live.set(record.id, connection);
    connection.on('message', (text: string) => this.onMessage(text));
    connection.on('closed', () => {
      record.closedAt = Date.now();
      this.live.delete(record.id);
      this.events.emit('closed', record);
    });
    connection.sendText(
      JSON.stringify({
        type: 'hello',
        num_connections: this.live.size,
        debug_info: { host: 'emulator', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.events.emit('opened', record);
  }

  /** How many connections are open now. */
  get openConnections(): number {
    return [...this.live.values()].filter((c) => c.open).length;
  }

  /**
   * Delivers a request to the app over its newest open connection and resolves with its ack.
   * Rejects when no connection is open (Slack would tell the member the app did not respond) or
   * no ack comes within `ackWaitMs`.
   */
  deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    opts: { ackWaitMs?: number } = {},
  ): Promise<SocketAck> {
    return this.send(
      {
        envelope_id: randomUUID(),
        type,
        // Slack takes an answer in the ack for commands and interactions, never for events.
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
        payload,
      },
      opts.ackWaitMs,
    );
  }

  /** Delivers an envelope again, as Slack does after a late ack: same envelope_id, the next retry_attempt. */
  redeliver(envelopeId: string, opts: { ackWaitMs?: number } = {}): Promise<SocketAck> {
    const original = this.envelopes.findLast((e) => e.envelope_id === envelopeId);
    if (!original) return Promise.reject(new Error(`no envelope ${envelopeId} was delivered`));
    return this.send(
      { ...original, retry_attempt: original.retry_attempt + 1, retry_reason: 'timeout' },
      opts.ackWaitMs,
    );
  }

  /** Asks the app to reconnect, as Slack does before recycling a server (`refresh_requested`) or a link. */
  requestRefresh(reason: 'refresh_requested' | 'link_disabled' | 'warning' = 'refresh_requested'): void {
    for (const connection of this.live.values()) {
      connection.sendText(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'emulator' } }));
    }
  }

  /** Drops every open connection without a close frame, as a network failure would. */
  dropConnections(): void {
    for (const connection of this.live.values()) connection.terminate();
  }

  /** The first connection opened after `after` (ms since the epoch), or the next one. */
  waitForConnection(after: number, timeoutMs = DEFAULT_WAIT_MS): Promise<SocketConnectionRecord> {
    const existing = this.connections.find((c) => c.openedAt >= after && c.closedAt === undefined);
    if (existing) return Promise.resolve(existing);
    return this.waitForEvent('opened', (c) => c.openedAt >= after, timeoutMs, 'a Socket Mode connection');
  }

  /** Resolves once no connection is open. */
  waitForNoConnection(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (this.live.size === 0) return Promise.resolve();
    return this.waitForEvent(
      'closed',
      () => this.live.size === 0,
      timeoutMs,
      'every connection to close',
    ).then(() => undefined);
  }

  /** Drops every connection; deliveries still waiting for an ack fail. */
  stop(): void {
    this.dropConnections();
    this.tickets.clear();
    for (const waiting of [...this.pending.values()].flat())
      waiting.reject(new Error('SlackEmulator stopped'));
    this.pending.clear();
  }

  private send(envelope: Envelope, ackWaitMs = DEFAULT_ACK_WAIT_MS): Promise<SocketAck> {
    const connection = [...this.live.values()].reverse().find((c) => c.open);
    if (!connection) {
      return Promise.reject(new Error('no Socket Mode connection is open: the app is not connected'));
    }
    this.envelopes.push(envelope);
    return new Promise<SocketAck>((resolve, reject) => {
      const forget = () => {
        clearTimeout(timer);
        const left = (this.pending.get(envelope.envelope_id) ?? []).filter((p) => p !== waiting);
        if (left.length > 0) this.pending.set(envelope.envelope_id, left);
        else this.pending.delete(envelope.envelope_id);
      };
      const timer = setTimeout(() => {
        forget();
        reject(new Error(`no ack for envelope ${envelope.envelope_id} within ${ackWaitMs} ms`));
      }, ackWaitMs);
      const waiting: PendingAck = {
        sentAt: performance.now(),
        resolve: (ack) => {
          forget();
          resolve(ack);
        },
        reject: (error) => {
          forget();
          reject(error);
        },
      };
      this.pending.set(envelope.envelope_id, [...(this.pending.get(envelope.envelope_id) ?? []), waiting]);
      connection.sendText(JSON.stringify(envelope));
    });
  }

  /** An ack, `{envelope_id, payload?}`, answers the oldest delivery of that envelope still waiting. */
  private onMessage(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.envelope_id !== 'string') return;
    const first = this.pending.get(message.envelope_id)?.[0];
    const payload =
      message.payload && typeof message.payload === 'object' && Object.keys(message.payload).length > 0
        ? (message.payload as Record<string, unknown>)
        : undefined;
    const ack: SocketAck = {
      envelopeId: message.envelope_id,
      payload,
      ms: first ? performance.now() - first.sentAt : 0,
    };
    this.acks.push(ack);
    first?.resolve(ack);
  }

  private waitForEvent(
    event: 'opened' | 'closed',
    matches: (record: SocketConnectionRecord) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<SocketConnectionRecord> {
    return new Promise((resolve, reject) => {
      const onEvent = (record: SocketConnectionRecord) => {
        if (!matches(record)) return;
        clearTimeout(timer);
        this.events.off(event, onEvent);
        resolve(record);
      };
      const timer = setTimeout(() => {
        this.events.off(event, onEvent);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.events.on(event, onEvent);
    });
  }
}
