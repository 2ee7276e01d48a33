export * from './kafka-groups';
export * from './polling';
export * from './ports';
export * from './service-health';
export * from './service-under-test';
export * from './test-env';
export * from './temporal';
export * from './tokens';
