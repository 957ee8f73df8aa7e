import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { type AppConfig, createValidationPipe, installRequestParsing, ProblemDetailsFilter } from '@kamflow/infrastructure';
import { AppModule } from './app.module';

/** Builds the HTTP application: `/api/v1`, problem+json errors, validation, OpenAPI at `/api/docs`. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  installRequestParsing(app);
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('kamflow API')
      .setDescription('Key-account order-to-cash: orders, reviews, delivery, acceptance, invoices, payments')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
