export * from './dead-letter-log';
export * from './dead-letter-replay';
export * from './dlq-command';
