/** What tests and tools may use of infra/local: running the services as processes, finding the servers' pids. */
export * from './apps';
export * from './migrate';
export { runningPid } from './processes';
