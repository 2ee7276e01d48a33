// Node-side entry point: the pure contracts plus what validates and builds events.
export * from './pure';
export * from './catalog';
export * from './governance/decision-policy';
export * from './asyncapi/build-asyncapi';
export * from './events/envelope';
export * from './events/validation';
