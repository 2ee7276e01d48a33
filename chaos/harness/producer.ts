import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { PlannedEvent } from './plan';
import type { ProducerReply, ProducerRequest } from './producer-process';

const ROOT = resolve(__dirname, '../..');
export const PRODUCER_SCHEMA = 'chaos_producer';

/** The runner's handle on the producer process (producer-process.ts). */
export class ProducerProcess {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  private output = '';

  private constructor(readonly child: ChildProcess) {
    child.on('message', (reply: ProducerReply) => {
      const waiter = this.pending.get(reply.seq);
      this.pending.delete(reply.seq);
      if ('error' in reply) waiter?.reject(new Error(`producer: ${reply.error}`));
      else waiter?.resolve();
    });
    const collect = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code, signal) => {
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`producer exited (${code ?? signal}):\n${this.output.slice(-2000)}`));
      }
      this.pending.clear();
    });
  }

  /** Starts it and waits until its outbox is migrated and its relay runs. */
  static async start(env: NodeJS.ProcessEnv): Promise<ProducerProcess> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'chaos/harness/producer-process.ts'], {
      cwd: ROOT,
      env: { ...env, CHAOS_PRODUCER_SCHEMA: PRODUCER_SCHEMA },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const producer = new ProducerProcess(child);
    await producer.request(0);
    return producer;
  }

  /** Resolves once every event is committed to the producer's outbox (the relay sends it on). */
  write(events: PlannedEvent[]): Promise<void> {
    this.seq++;
    this.child.send({ seq: this.seq, events } satisfies ProducerRequest);
    return this.request(this.seq);
  }

  log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  private request(seq: number): Promise<void> {
    return new Promise((resolve, reject) => this.pending.set(seq, { resolve, reject }));
  }
}
