import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@kamflow/infrastructure';
import { AppModule } from './app.module';
import { completeDocument } from './openapi/complete-document';

/** The prefix of every route (`createApp` sets the same). */
export const API_PREFIX = 'api/v1';

/** Where the committed document lives (`npm run openapi` writes it, a unit spec keeps it current). */
export const OPENAPI_PATH = 'docs/openapi.json';

const DESCRIPTION = [
  'Key-account order-to-cash: orders, reviews, delivery, acceptance, invoices, payments.',
  '',
  'All routes are under `/api/v1`. Log in with `POST /api/v1/auth/login`, then send',
  '`Authorization: Bearer <token>`. Money is `{ amount: <integer minor units>, currency: "CNY" }`.',
  'Every error is `application/problem+json` (RFC 9457) with a stable `code` and, for bad input,',
  '`errors[].field`. Commands take `Idempotency-Key` and, on an existing aggregate, `If-Match`.',
  'Prometheus metrics are not part of this API: they are served on the management listener.',
].join('\n');

const TAGS: [name: string, description: string][] = [
  ['auth', 'Log in and who the token belongs to'],
  ['orders', 'Sales orders (销售订单): place, review, amend, cancel, plan shipments, follow'],
  ['accounts', 'Key accounts (大客户), their dashboard and the 80/20 revenue ranking'],
  ['credit', 'Credit grade, limit and terms changes (proposed, then approved by a director)'],
  ['catalog', 'The product catalog (产品BOM) and the CTO configurator (特配)'],
  ['shipments', 'Shipments (配送), their status and the signed acceptance receipt (验机回执)'],
  ['invoices', 'Invoices and the payments collected on them (回款)'],
  ['finance', 'Receivables, collections, credit exposure and provider statements; also as CSV'],
  ['providers', 'Logistics and commerce providers, and what a provider sees of its own work'],
  ['work-queues', 'What the order desk has to chase'],
  ['operations', 'Liveness and readiness'],
];

/** `OrdersController` + `place` → `orders_place`: stable as long as the controller and method keep their names. */
export function operationId(controllerKey: string, methodKey: string): string {
  const name = controllerKey.replace(/Controller$/, '');
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}_${methodKey}`;
}

/** The public OpenAPI document of the HTTP API, from the controllers and `completeDocument`. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('kamflow API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setContact('kamflow', 'https://kamflow.dev', 'api@kamflow.dev')
    .setLicense('Proprietary', 'https://kamflow.dev/license')
    .addServer('/', 'This server')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'From POST /api/v1/auth/login',
    });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { operationIdFactory: operationId });
  return completeDocument(document);
}

/** The document as committed: stable key order, two-space indent, final newline. */
export function renderOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Builds the document without starting anything: Nest's preview mode resolves the module graph and the
 * routes but instantiates no provider, so no database, broker or listener is touched.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ DEMO_DATA: 'false' });
  const app = await NestFactory.create(AppModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    app.setGlobalPrefix(API_PREFIX);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
