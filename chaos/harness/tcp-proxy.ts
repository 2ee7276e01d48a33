import { createServer, type Server, type Socket, connect } from 'node:net';
import { sleep } from '@sanshe/common';

/**
 * A loopback TCP proxy (127.0.0.1 only) between an app and a server, controlled in-process: it can delay
 * every chunk, cut every open connection, and refuse new ones. Order is kept per direction.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private delayMs = 0;
  private refusing = false;
  /**
   * Sees every chunk, synchronously, before it is forwarded (`toServer`: from the app), with its
   * connection's number; returning true drops the chunk. A scenario uses it to act at a protocol point.
   */
  tap?: (chunk: Buffer, toServer: boolean, connection: number) => boolean;
  /** Connections accepted and cut so far (for the log). */
  accepted = 0;
  cut = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listens on a free loopback port; returns it. */
  async listen(): Promise<number> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0 }, resolve);
    });
    return (server.address() as { port: number }).port;
  }

  /** Every chunk, both ways, waits this long before it is forwarded. */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** Resets every open connection (both sides see it end at once). */
  cutAll(): void {
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.cut += this.sockets.size;
    this.sockets.clear();
  }

  /** While true, new connections are reset as soon as they are accepted. */
  refuseNew(refusing: boolean): void {
    this.refusing = refusing;
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    if (this.refusing) {
      client.resetAndDestroy();
      return;
    }
    const connection = ++this.accepted;
    const upstream = connect({ host: this.targetHost, port: this.targetPort });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined); // a reset is what the test wants; the peer is closed below
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    this.pipe(client, upstream, true, connection);
    this.pipe(upstream, client, false, connection);
  }

  /** Forwards `from` to `to`, each chunk the current delay after it arrived (a latency), in arrival order. */
  private pipe(from: Socket, to: Socket, toServer: boolean, connection: number): void {
    let previous = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      if (this.tap?.(chunk, toServer, connection)) return;
      const due = Date.now() + this.delayMs;
      previous = previous.then(async () => {
        if (due > Date.now()) await sleep(due - Date.now());
        if (!to.destroyed) to.write(chunk);
      });
    });
    from.on('end', () => void previous.then(() => to.end()));
  }
}
