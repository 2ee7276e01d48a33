export * from './bootstrap';
export * from './health/health-registry';
export * from './health/health.module';
export * from './temporal/temporal-worker.module';
export * from './temporal/workflow-bundle';
export * from './openapi';
export * from './logging';
export * from './http/api-path-params';
