import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { SERVICE_CONFIG, type ServiceConfig } from '@sanshe/service-kit';

/**
 * Holds the one Temporal client of the bridge (starting decisions, sending votes): connects on first
 * use rather than at boot, tries again after a failed connection, and closes it on shutdown.
 */
@Injectable()
export class TemporalClientHolder implements OnApplicationShutdown {
  private client?: Promise<Client>;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  get(): Promise<Client> {
    this.client ??= Connection.connect({ address: this.config.TEMPORAL_ADDRESS }).then(
      (connection) => new Client({ connection, namespace: this.config.TEMPORAL_NAMESPACE }),
      (err: unknown) => {
        this.client = undefined; // try again with the next event; the inbox retries it
        throw err;
      },
    );
    return this.client;
  }

  async onApplicationShutdown(): Promise<void> {
    const client = await this.client?.catch(() => undefined);
    await client?.connection.close();
  }
}
