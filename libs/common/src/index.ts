export * from './error-message';
export * from './retry';
