import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/**
 * Where `npm run build:ui` puts the admin UI: `dist/admin-ui` at the repository root. From the compiled
 * module (`dist/apps/api/src/ui`) and from the sources under ts-node it is four levels up, then either
 * `admin-ui` (already inside dist) or `dist/admin-ui`.
 */
export function adminUiRoot(): string {
  const candidates = [
    process.env.ADMIN_UI_DIR,
    resolve(__dirname, '../../../../admin-ui'),
    resolve(__dirname, '../../../../dist/admin-ui'),
    resolve(process.cwd(), 'dist/admin-ui'),
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(join(p, 'index.html'))) ?? candidates[candidates.length - 1];
}

const root = adminUiRoot();
if (!existsSync(join(root, 'index.html'))) {
  new Logger('AdminUi').warn(`No admin UI at ${root}: run \`npm run build:ui\` to serve it at /`);
}

/** Serves the admin UI at `/` with the SPA fallback to index.html; `/api/*` stays the API's (404s included). */
@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: root,
      // A missing asset answers 404 rather than the page; index.html is never cached so a new build shows at once.
      exclude: ['/api', '/api/{*path}', '/assets/{*path}'],
      serveStaticOptions: {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: (res: { setHeader(name: string, value: string): void }, path: string) => {
          if (path.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
        },
      },
    }),
  ],
})
export class AdminUiModule {}
