import { ConfigError, loadConfig } from './app-config';

describe('the configuration', () => {
  it('runs embedded on port 3000 with demo data when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, mode: 'embedded', dataDir: './data', demoData: true, kafkaBrokers: [] });
  });

  it('runs the embedded database on a private PostgreSQL server unless PGlite is asked for', () => {
    expect(loadConfig({}).embeddedEngine).toBe('postgres');
    expect(loadConfig({ EMBEDDED_ENGINE: 'PGlite' }).embeddedEngine).toBe('pglite');
  });

  it('serves metrics on a management listener of its own, on this host only, unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ managementPort: 9464, managementHost: '127.0.0.1' });
    expect(loadConfig({ MANAGEMENT_PORT: '0', MANAGEMENT_HOST: '0.0.0.0' })).toMatchObject({
      managementPort: 0,
      managementHost: '0.0.0.0',
    });
    expect(loadConfig({ MANAGEMENT_HOST: '::' }).managementHost).toBe('::');
  });

  it('selects PostgreSQL when DATABASE_URL is set and turns demo data off', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h:5432/db' })).toMatchObject({ mode: 'postgres', demoData: false });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['KAFKA_BROKERS', 'localhost'],
    ['DEMO_DATA', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['JWT_SECRET', 'short'],
    ['MANAGEMENT_PORT', '65536'],
    ['MANAGEMENT_PORT', '-1'],
    ['MANAGEMENT_PORT', 'metrics'],
    ['MANAGEMENT_HOST', 'http://0.0.0.0:9464'],
    ['MANAGEMENT_HOST', 'a b'],
    ['EMBEDDED_ENGINE', 'sqlite'],
  ])('names %s when it holds %s', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });

  it('parses a broker list', () => {
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092, b2:9093' }).kafkaBrokers).toEqual(['127.0.0.1:9092', 'b2:9093']);
  });

  describe('distributed mode', () => {
    const infra = { DATABASE_URL: 'postgresql://u@h:5432/db', KAFKA_BROKERS: '127.0.0.1:9092' };

    it('is off by default', () => {
      expect(loadConfig({ ...infra })).toMatchObject({ distributed: false, kafkaTopicPrefix: 'kamflow', commandTimeoutMs: 15_000 });
    });

    it.each([{ MODE: 'distributed' }, { DISTRIBUTED: 'true' }, { MODE: 'Distributed', DISTRIBUTED: 'yes' }])('is on with %p', (flag) => {
      expect(loadConfig({ ...infra, ...flag }).distributed).toBe(true);
    });

    it('takes a timeout, a topic prefix and an instance id', () => {
      expect(
        loadConfig({ ...infra, MODE: 'distributed', COMMAND_TIMEOUT_MS: '2500', KAFKA_TOPIC_PREFIX: 't1', INSTANCE_ID: 'gw-1' }),
      ).toMatchObject({ commandTimeoutMs: 2500, kafkaTopicPrefix: 't1', instanceId: 'gw-1' });
    });

    it.each([
      ['MODE', { ...infra, MODE: 'cluster' }],
      ['DISTRIBUTED', { ...infra, DISTRIBUTED: 'maybe' }],
      ['DISTRIBUTED', { ...infra, MODE: 'embedded', DISTRIBUTED: 'true' }],
      ['KAFKA_BROKERS', { DATABASE_URL: infra.DATABASE_URL, MODE: 'distributed' }],
      ['DATABASE_URL', { KAFKA_BROKERS: infra.KAFKA_BROKERS, MODE: 'distributed' }],
      ['COMMAND_TIMEOUT_MS', { ...infra, COMMAND_TIMEOUT_MS: '10' }],
      ['KAFKA_TOPIC_PREFIX', { ...infra, KAFKA_TOPIC_PREFIX: 'a b' }],
      ['INSTANCE_ID', { ...infra, INSTANCE_ID: 'x/y' }],
    ])('names %s when it is wrong', (variable, env) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(variable);
    });
  });
});
