import type { Client } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import type { GovernanceFleet } from './governance';
import type { Plan, PlannedDecision } from './plan';
import type { ProducerProcess } from './producer';
import type { ChaosServers } from './servers';
import type { TcpProxy } from './tcp-proxy';

/**
 * A chaos scenario: `chaos/scenarios/<name>.ts` exports one, and `chaos/scenarios/index.ts` lists it.
 * The runner gives it one running governance instance and the producer (new ones, or with --short those
 * the previous scenario left: rig.ts), calls `run`, then waits for the system to settle (with --short,
 * while the next scenario runs) and runs the one oracle (oracle.ts) on `plan`. A scenario is a fixed
 * plan, bounded in time, and stops by itself; it must leave at least its faults ended (servers back,
 * processes resumed) when `run` resolves. The runner restarts governance if no instance runs then.
 */
export interface ChaosScenario {
  name: string;
  /** One line for the table's legend. */
  description: string;
  /**
   * Starts on governance instances of its own. With --short, scenarios otherwise share one rig (proxy,
   * governance, producer) and start on the newest instance the previous one left running.
   */
  freshGovernance?: boolean;
  /**
   * Settles before the next scenario starts, also with --short (where a scenario otherwise settles while
   * the next one runs, under its faults): a scenario that must see a quiet system to the end.
   */
  settlesAlone?: boolean;
  /** The events it publishes (deterministic ids, prefixed by the scenario's name). */
  plan(options: { short: boolean }): Plan;
  /** Produces the plan (ctx.produce) while it injects its faults. */
  run(ctx: ScenarioContext): Promise<void>;
}

export interface ScenarioContext {
  short: boolean;
  /**
   * Governance's consumer session timeout (KAFKA_SESSION_TIMEOUT_MS): how long the group waits for a
   * SIGKILLed or SIGSTOPped instance. kafkajs's 30 s, 10 s with --short (each restart waits for it).
   */
  sessionTimeoutMs: number;
  plan: Plan;
  servers: ChaosServers;
  governance: GovernanceFleet;
  producer: ProducerProcess;
  /** Every governance instance reaches PostgreSQL through this proxy (delay, cut, refuse). */
  databaseProxy: TcpProxy;
  temporal: Client;
  kafka: Kafka;
  /** Seeded by the scenario's name: a run is repeatable. In [0, 1). */
  random(): number;
  log(line: string): void;
  /**
   * Writes the openings of `decisions` (all of the plan's by default), waits until each decision's
   * workflow exists (votes on another topic have no order with their opening), then writes their votes.
   * `part` does only the first half (`openings`, waiting included) or only the second (`votes`).
   */
  produce(decisions?: PlannedDecision[], part?: 'all' | 'openings' | 'votes'): Promise<void>;
  /** Produces a record straight to Kafka, bypassing every outbox: a broken producer's poison, say. */
  produceRaw(topic: string, key: string, value: string): Promise<void>;
  /** Marks the end of the last fault; "time to recover" counts from the latest mark. */
  faultsEnded(): void;
}
