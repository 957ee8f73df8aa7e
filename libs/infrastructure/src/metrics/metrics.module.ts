import { Controller, Get, Global, Header, Injectable, Module, type NestMiddleware } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type NextFunction, type Request, type Response } from 'express';
import { Public } from '../auth/decorators';
import { ReadinessRegistry } from '../health/readiness.registry';
import { Metrics } from './metrics';

@ApiExcludeController()
@Controller()
class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Public()
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
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

@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, HttpMetricsMiddleware, ReadinessRegistry],
  exports: [Metrics, HttpMetricsMiddleware, ReadinessRegistry],
})
export class MetricsModule {}
