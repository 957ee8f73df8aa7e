import { randomUUID } from 'node:crypto';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type AppConfig } from '../config/app-config';

const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Structured JSON logs (pino); every request gets a correlation id, taken from `X-Correlation-Id` when sent. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const sent = req.headers['x-correlation-id'] ?? req.headers['x-request-id'];
              const value = Array.isArray(sent) ? sent[0] : sent;
              const id = value && ID_PATTERN.test(value) ? value : randomUUID();
              res.setHeader('X-Correlation-Id', id);
              return id;
            },
            customAttributeKeys: { reqId: 'correlationId' },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => /\/(health|ready|metrics)$/.test(req.url ?? '') },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
    };
  }
}
