export * from './decider';
export * from './envelope';
export * from './errors';
export * from './event-store.port';
export * from './upcasters';
export * from './command-handling';
export * from './log-tailer';
export * from './testing/decider-specification';
