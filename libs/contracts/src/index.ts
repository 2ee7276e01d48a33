export * from './asyncapi/build-asyncapi';
export * from './catalog';
export * from './events/envelope';
export * from './events/event-definition';
export * from './events/topics';
export * from './events/validation';
export * from './temporal/search-attributes';
export * from './governance/decision-policy';
