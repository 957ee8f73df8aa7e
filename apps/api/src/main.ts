import 'reflect-metadata';
import {
  assertEmbeddedDataDir,
  ConfigError,
  EmbeddedPostgresError,
  loadConfig,
  ManagementListener,
} from '@kamflow/infrastructure';
import { createApp } from './create-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    assertEmbeddedDataDir(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const management = app.get(ManagementListener).url;
  console.log(
    `kamflow listening on ${url.replace('[::1]', 'localhost')} (${config.mode} mode) — API ${url}/api/v1, docs ${url}/api/docs` +
      (management ? `; metrics ${management}/metrics` : '; metrics not served (see the warning above)'),
  );
}

main().catch((error: unknown) => {
  // The embedded server's own problems (machine, data directory) say what to do; no stack needed.
  console.error('kamflow failed to start:', error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
