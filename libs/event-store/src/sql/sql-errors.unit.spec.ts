import { classifyFailureKind, isClosedDatabaseError } from './sql-errors';

const sql = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('classifying a failure of applying an event', () => {
  it.each([
    [
      'a NOT NULL violation (23502)',
      sql('23502', 'null value in column "currency" of relation "rm_accounts"'),
    ],
    ['a unique violation (23505)', sql('23505')],
    ['a bad value (22P02)', sql('22P02')],
    ['a numeric overflow (22003)', sql('22003')],
    ['an undefined column (42703)', sql('42703')],
    ['an exception of evolve', new TypeError("Cannot read properties of undefined (reading 'amount')")],
    ['a thrown string', 'broken'],
  ])('blames the event for %s', (_name, error) => {
    expect(classifyFailureKind(error)).toBe('data');
  });

  it.each([
    ['a lost connection (08006)', sql('08006')],
    ['an admin shutdown (57P01)', sql('57P01')],
    ['too many connections (53300)', sql('53300')],
    ['a serialization failure (40001)', sql('40001')],
    ['a deadlock (40P01)', sql('40P01')],
    ['a refused connection', sql('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', sql('ECONNRESET')],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    [
      'a broker error',
      Object.assign(new Error('This server does not host this topic-partition'), {
        name: 'KafkaJSProtocolError',
      }),
    ],
    ['a service that does not answer', Object.assign(new Error('no answer'), { kind: 'timeout' })],
  ])('retries %s without blaming the event', (_name, error) => {
    expect(classifyFailureKind(error)).toBe('transient');
  });

  it.each([
    ['an ended pg pool', new Error('Cannot use a pool after calling end on the pool')],
    ['a closed PGlite', new Error('PGlite is closed')],
  ])('ends the loop on %s', (_name, error) => {
    expect(classifyFailureKind(error)).toBe('closed');
    expect(isClosedDatabaseError(error)).toBe(true);
  });
});
