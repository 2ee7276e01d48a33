export * from './local-defaults';
export * from './platform-env';
export * from './services';
export * from './production';
export * from './state-dir';
