export * from './local-defaults';
export * from './platform-env';
export * from './services';
