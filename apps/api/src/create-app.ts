import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { type AppConfig, createValidationPipe, installRequestParsing, ProblemDetailsFilter } from '@kamflow/infrastructure';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi';

/** Builds the HTTP application: `/api/v1`, problem+json errors, validation, OpenAPI at `/api/docs`. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
    // A failed start throws (the caller exits and the embedded server is stopped) instead of aborting the process.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  installRequestParsing(app);
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app));
  return app;
}
