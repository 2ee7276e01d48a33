export * from './local-defaults';
export * from './platform-env';
export * from './kafka-security-env';
export * from './logging-env';
export * from './kafka-security';
export * from './services';
export * from './production';
export * from './state-dir';
