/** Public integration contracts: versioned events for providers and finance, partner commands, AsyncAPI. */
export * from './json-schema';
export * from './envelope';
export * from './logistics.contracts';
export * from './commerce.contracts';
export * from './finance.contracts';
export * from './public-events';
export * from './partner-commands';
export * from './partner-command-results';
export * from './yaml';
export * from './asyncapi';
