/**
 * What tests and tools may use of infra/local: running the services as processes, finding the servers' pids,
 * and (the chaos suite) starting, stopping and crashing a set of servers of their own.
 */
export * from './apps';
export { appEntryArgs, buildApps, builtServices, ensureBuiltApps } from './built-apps';
export { ensureLocalKafkaUser, kafkaPropertiesFile } from './kafka';
export { ADMIN_USER, kafkaSecurityMode, localKafkaLoginEnv, localLoginFor } from './kafka-security';
export * from './migrate';
export { dataDir, INFRA, pidFile, STATE_DIR } from './paths';
export { crashPostgres } from './postgres';
export { runningPid } from './processes';
export { downAll, upAll } from './servers';
export { ensureWorkflowBundle } from './workflow-bundle';
