import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type NestMiddleware,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReadinessRegistry } from '../health/readiness.registry';
import { type ManagementServer, startManagementServer } from './management-server';
import { Metrics } from './metrics';

/**
 * Serves the process's metrics on the management listener (`MANAGEMENT_HOST`:`MANAGEMENT_PORT`), never on
 * the public one: it starts when the application boots and stops when it shuts down. Without a
 * configuration (a test module) it serves nothing.
 */
@Injectable()
export class ManagementListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('management');
  private server?: ManagementServer;

  constructor(
    private readonly metrics: Metrics,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  /** `http://host:port` of the listener, when it runs. */
  get url(): string | undefined {
    return this.server?.url;
  }

  /** The bound port, when it runs. */
  get port(): number | undefined {
    return this.server?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config || this.server) return;
    this.server = await startManagementServer({
      port: this.config.managementPort,
      host: this.config.managementHost,
      registry: this.metrics.registry,
      service: `kamflow ${this.config.instanceId}`,
      warn: (message) => this.logger.warn(message),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }
}

/** Counts and times every HTTP request by its route pattern (never the raw URL, to bound label sets). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const labels = { method: req.method, route: `${req.baseUrl}${route}` };
      end(labels);
      this.metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) });
    });
    next();
  }
}

/** The metrics registry, HTTP request metrics, readiness and the management listener that serves them. */
@Global()
@Module({
  providers: [Metrics, HttpMetricsMiddleware, ReadinessRegistry, ManagementListener],
  exports: [Metrics, HttpMetricsMiddleware, ReadinessRegistry, ManagementListener],
})
export class MetricsModule {}
