import { createServer, type Server } from 'node:net';
import { freePort } from '@sanshe/testing';
import { InfraError } from './errors';
import { assertPortFree, waitUntilReady } from './processes';

describe('assertPortFree', () => {
  let occupier: Server;
  let port: number;

  beforeAll(async () => {
    occupier = createServer();
    await new Promise<void>((resolve) => occupier.listen(0, '127.0.0.1', resolve));
    port = (occupier.address() as { port: number }).port;
  });
  afterAll(() => new Promise((resolve) => occupier.close(resolve)));

  it('names the port, the server and the variable that points Sanshe elsewhere', async () => {
    const attempt = assertPortFree('kafka', '127.0.0.1', port, 'KAFKA_BROKERS');
    await expect(attempt).rejects.toThrow(InfraError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`port 127\\.0\\.0\\.1:${port} is already in use.*KAFKA_BROKERS`, 's'),
    );
  });

  it('passes for a free port', async () => {
    await expect(assertPortFree('kafka', '127.0.0.1', await freePort(), 'KAFKA_BROKERS')).resolves.toBeUndefined();
  });
});

describe('waitUntilReady', () => {
  it('gives up after the timeout with the last error, naming the server and its log', async () => {
    const attempt = waitUntilReady({
      server: 'temporal',
      timeoutMs: 300,
      probe: async () => {
        throw new Error('connection refused');
      },
    });
    await expect(attempt).rejects.toThrow(
      /\[temporal\] not ready after 0 s \(last error: connection refused\)[\s\S]*log: .*temporal\.log/,
    );
  });

  it('fails at once when the process it waits for has exited', async () => {
    // Its own timeout is far beyond the test's (30 s): only noticing the exit can end it in time, and the
    // message says which ending it was. (A bound on the elapsed time failed on a loaded machine: 8 s.)
    const attempt = waitUntilReady({
      server: 'kafka',
      pid: 2 ** 22 + 1,
      timeoutMs: 600_000,
      probe: () => Promise.reject(new Error('no')),
    });
    await expect(attempt).rejects.toThrow(/\[kafka\] exited during start-up/);
  }, 30_000);
});
