export * from './tracing-settings';
export * from './trace-context';
export * from './start-tracing';
