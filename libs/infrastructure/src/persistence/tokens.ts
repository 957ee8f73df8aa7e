/** DI token for the {@link SqlDatabase} holding events, users and read models. */
export const SQL_DATABASE = Symbol('SQL_DATABASE');

/**
 * Optional DI token: `(store) => EventStore` wrapping the PostgreSQL event store (the distributed mode scopes
 * it to the service's own streams). Absent: the store is wrapped in a plain `NotifyingEventStore`.
 */
export const EVENT_STORE_WRAPPER = Symbol('EVENT_STORE_WRAPPER');
