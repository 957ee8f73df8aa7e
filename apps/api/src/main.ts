import 'reflect-metadata';
import { loadConfig, ConfigError, ManagementListener } from '@kamflow/infrastructure';
import { createApp } from './create-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
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
  console.error('kamflow failed to start:', error);
  process.exit(1);
});
