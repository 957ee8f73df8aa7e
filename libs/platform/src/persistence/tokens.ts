/** DI token for the {@link SqlDatabase} holding events, users and read models. */
export const SQL_DATABASE = Symbol('SQL_DATABASE');
