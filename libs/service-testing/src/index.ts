export * from './service-features-under-test';
export * from './http-call';
export * from './document-conformance';
