import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/**
 * How the network between the app and PostgreSQL behaves:
 * - `pass`: bytes flow both ways;
 * - `refuse`: every connection, open or new, is reset at once (a server that is down, a firewall that rejects);
 * - `blackhole`: connections are accepted and kept, but every byte is dropped both ways, and nothing
 *   is closed or reset (a partition that drops packets: the case no error ever reports).
 * Apart from the mode, `slow(ms)` delays every byte that gets through by `ms` each way.
 */
export type NetworkMode = 'pass' | 'refuse' | 'blackhole';

interface Link {
  client: Socket;
  /** The connection to PostgreSQL; none for a connection accepted while nothing gets through. */
  server: Socket | undefined;
}

/**
 * A TCP proxy the test controls, put between the app and PostgreSQL. `heal()` lets bytes through
 * again: the connections that were only kept carry on (their lost bytes stay lost, as a dropped
 * packet never retransmitted would), and PostgreSQL hears at last that the ones the app gave up on
 * are closed.
 */
export class TcpProxy {
  private mode: NetworkMode = 'pass';
  private delayMs = 0;
  private readonly links = new Set<Link>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => proxy?.accept(client, target));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the proxy has no port');
    proxy = new TcpProxy(server, address.port);
    return proxy;
  }

  /** `url` (a postgres:// URL) through this proxy instead of straight to its server. */
  urlThrough(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  /** Resets every open connection, and each new one as it comes. */
  refuse(): void {
    this.mode = 'refuse';
    for (const link of this.links) this.cut(link);
  }

  /** Delays every chunk by `ms` in each direction (0: at once); order is kept. */
  slow(ms: number): void {
    this.delayMs = ms;
  }

  /** Drops every byte from now on, closing nothing. */
  blackhole(): void {
    this.mode = 'blackhole';
  }

  heal(): void {
    this.mode = 'pass';
    for (const link of this.links) {
      if (link.client.destroyed || !link.server || link.server.destroyed) this.cut(link);
    }
  }

  async stop(): Promise<void> {
    for (const link of this.links) this.cut(link);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    client.on('error', () => undefined);
    if (this.mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const link: Link = { client, server: undefined };
    this.links.add(link);
    if (this.mode === 'blackhole') {
      // Nothing reaches PostgreSQL, so there is nothing to connect to; the bytes fall on the floor.
      client.on('data', () => undefined);
      client.on('close', () => this.mode === 'pass' && this.cut(link));
      return;
    }
    const server = tcpConnect(target.port, target.host);
    link.server = server;
    server.on('error', () => undefined);
    client.on('data', (chunk) => this.forward(chunk, server));
    server.on('data', (chunk) => this.forward(chunk, client));
    // While the network drops everything, a close does not get across either; heal() delivers it.
    client.on('close', () => this.mode === 'pass' && this.cut(link));
    server.on('close', () => this.mode === 'pass' && this.cut(link));
  }

  private forward(chunk: Buffer, to: Socket): void {
    if (this.mode !== 'pass') return;
    if (this.delayMs === 0) to.write(chunk);
    else setTimeout(() => this.mode === 'pass' && !to.destroyed && to.write(chunk), this.delayMs);
  }

  private cut(link: Link): void {
    this.links.delete(link);
    if (!link.client.destroyed) link.client.resetAndDestroy();
    if (link.server && !link.server.destroyed) link.server.resetAndDestroy();
  }
}
