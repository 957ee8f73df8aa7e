import { ConfigError, loadConfig } from './app-config';

describe('the configuration', () => {
  it('runs embedded on port 3000 with demo data when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, mode: 'embedded', dataDir: './data', demoData: true, kafkaBrokers: [] });
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
  ])('names %s when it holds %s', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(variable);
  });

  it('parses a broker list', () => {
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092, b2:9093' }).kafkaBrokers).toEqual(['127.0.0.1:9092', 'b2:9093']);
  });
});
