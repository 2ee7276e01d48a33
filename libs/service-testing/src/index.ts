export * from './service-features-under-test';
