export * from './temporal/search-attributes';
