/**
 * The data side of the localtunnel protocol: a pool of TCP connections from this computer to the tunnel
 * server's per-client port. The server hands each public request to one of them; we pipe it to the intake,
 * byte for byte (the Host header included, so signature schemes that sign the URL still see the public one).
 *
 * The local side is always 127.0.0.1:<intake port> — nothing in the protocol can point a connection anywhere
 * else — and it is opened only when a request arrives, so idle tunnel connections hold nothing at the intake.
 */
import net from 'node:net';

export interface SocketPoolOptions {
  remoteHost: string;
  remotePort: number;
  intakePort: number;
  /** Connections kept open to the server; the server refuses more than the `max_conn_count` it announced. */
  size: number;
  /** The server cannot be reached any more or keeps hanging up: the session is over. Called at most once. */
  onDead: (reason: string) => void;
}

/** Connections the server may close unused in a row before the pool gives up (it is refusing us, not idle). */
const MAX_UNUSED_CLOSES = 20;

export class SocketPool {
  private readonly sockets = new Set<net.Socket>();
  private opened = false;
  private closed = false;
  private dead = false;
  private unusedCloses = 0;

  constructor(private readonly o: SocketPoolOptions) {}

  /** Opens the pool; resolves once the first connection is up, rejects if it cannot be made. */
  open(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const first = this.connect();
      const settle = (error?: Error) => {
        signal.removeEventListener('abort', onAbort);
        first.off('connect', onConnect);
        first.off('error', onError);
        if (error) {
          this.close();
          reject(error);
          return;
        }
        this.opened = true;
        for (let i = 1; i < this.o.size; i++) this.connect();
        resolve();
      };
      const onAbort = () => settle(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      const onConnect = () => settle();
      const onError = (error: Error) =>
        settle(new Error(`could not connect to the tunnel server at ${this.o.remoteHost}:${this.o.remotePort}: ${error.message}`));
      signal.addEventListener('abort', onAbort, { once: true });
      first.once('connect', onConnect);
      first.once('error', onError);
    });
  }

  close(): void {
    this.closed = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private connect(): net.Socket {
    const remote = net.connect({ host: this.o.remoteHost, port: this.o.remotePort });
    // Keepalive probes notice a server that vanished without a FIN (a router reboot, a laptop lid).
    remote.setKeepAlive(true, 30_000);
    this.sockets.add(remote);
    let connected = false;
    let used = false;
    let local: net.Socket | undefined;

    remote.once('connect', () => {
      connected = true;
    });
    remote.once('data', (first) => {
      used = true;
      this.unusedCloses = 0;
      remote.pause();
      local = net.connect({ host: '127.0.0.1', port: this.o.intakePort });
      local.once('connect', () => {
        local!.write(first);
        remote.pipe(local!);
        local!.pipe(remote);
        remote.resume();
      });
      // The intake is down: drop this request's connection (the sender sees an error and retries later).
      // A clean close needs nothing here: the pipe ends `remote` once the intake's answer is flushed.
      local.on('error', () => remote.destroy());
    });
    remote.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected) this.fail(`the tunnel server at ${this.o.remoteHost}:${this.o.remotePort} cannot be reached (${error.code ?? error.message})`);
    });
    remote.once('close', () => {
      this.sockets.delete(remote);
      // Half-close rather than destroy: request bytes still buffered for the intake get there.
      local?.end();
      if (this.closed || this.dead || !connected) return;
      if (!used && ++this.unusedCloses >= MAX_UNUSED_CLOSES) {
        this.fail('the tunnel server keeps closing connections before using them');
        return;
      }
      // One request served (or the server let an idle connection go): keep the pool at size.
      this.connect();
    });
    return remote;
  }

  private fail(reason: string): void {
    if (this.closed || this.dead) return;
    this.dead = true;
    this.close();
    // Before the pool opened, `open()` rejects with the cause instead.
    if (this.opened) this.o.onDead(reason);
  }
}
