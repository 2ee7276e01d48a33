export * from './polling';
export * from './service-health';
export * from './service-under-test';
export * from './test-env';
