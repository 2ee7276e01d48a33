export * from './identifiers';
export * from './data-source-options';
export * from './migrate';
export * from './postgres.module';
