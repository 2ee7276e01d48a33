export * from './boot';
export * from './service-config';
export * from './service-kit.module';
export * from './portal-replies';
