/** What tests and tools may use of infra/local: running the services as processes. */
export * from './apps';
export * from './migrate';
