import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { temporalClientTracing } from '@sanshe/nest-platform/temporal-tracing';
import { SERVICE_CONFIG, type ServiceConfig } from '@sanshe/service-kit';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';

/**
 * Holds the one Temporal client of the bridge (starting decisions, sending votes): connects on first
 * use rather than at boot, tries again after a failed connection, and closes it on shutdown.
 */
@Injectable()
export class TemporalClientHolder implements OnApplicationShutdown {
  private client?: Promise<Client>;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(GOVERNANCE_CONFIG)
    private readonly governance: Pick<GovernanceConfig, 'GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS'>,
  ) {}

  get(): Promise<Client> {
    this.client ??= Connection.connect({ address: this.config.TEMPORAL_ADDRESS }).then(
      // Traced calls put their span's context in the workflow's headers: the workflow's spans continue the trace.
      (connection) =>
        new Client({ connection, namespace: this.config.TEMPORAL_NAMESPACE, interceptors: temporalClientTracing() }),
      (err: unknown) => {
        this.client = undefined; // try again with the next event; the inbox retries it
        throw err;
      },
    );
    return this.client;
  }

  /**
   * Runs `call` with a client-side deadline (GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS) on every request it
   * makes: an Update whose workflow has no worker, or a server that stopped answering, fails with a
   * gRPC DEADLINE_EXCEEDED (for an Update, WorkflowUpdateRPCTimeoutOrCancelledError) instead of holding
   * the caller's inbox transaction open for as long as the workflow takes.
   */
  async bounded<R>(call: (client: Client) => Promise<R>): Promise<R> {
    const client = await this.get();
    return client.withDeadline(Date.now() + this.governance.GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS, () => call(client));
  }

  async onApplicationShutdown(): Promise<void> {
    const client = await this.client?.catch(() => undefined);
    await client?.connection.close();
  }
}
