export * from './log-context';
export * from './log-redaction';
export * from './platform-logger';
export * from './pretty-lines';
export * from './request-ids';
export * from './temporal-logger';
export * from './early-logger';
