/**
 * The EventStoreDB adapter. A separate entry point (not exported from `@kamflow/event-store`), so that the
 * gRPC client is only loaded by code that uses it.
 */
export { createEventStoreDbEventStore, EventStoreDbEventStore } from './eventstoredb-event-store';
export * from './eventstoredb-command-log';
export * from './eventstoredb-codec';
