import { Injectable } from '@nestjs/common';

/** One dependency whose status `/health` reports: resolves when it answers, throws when it does not. */
export interface DependencyCheck {
  name: string;
  check: (signal: AbortSignal) => Promise<Record<string, unknown> | void>;
}

/**
 * Modules that own a connection (PostgreSQL, Kafka, Temporal) register a check here at start-up,
 * so `/health` reports every dependency the app actually has, without the app listing them twice.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, DependencyCheck>();

  register(check: DependencyCheck): void {
    if (this.checks.has(check.name)) throw new Error(`health check "${check.name}" is registered twice`);
    this.checks.set(check.name, check);
  }

  all(): DependencyCheck[] {
    return [...this.checks.values()];
  }
}
