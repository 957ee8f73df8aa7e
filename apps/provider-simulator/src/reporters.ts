import { type MessageProducer } from '@kamflow/messaging';
import { type PartnerCommandV1, partnerCommandRequest, partnerCommandsTopic } from '@kamflow/contracts';
import { onFailure } from './simulator.decisions';

/** The outcome of one report: done, try again later, or never (the API refused it for good). */
export type ReportOutcome =
  { kind: 'done' } | { kind: 'retry'; reason: string } | { kind: 'skip'; reason: string };

/** Sends a partner command to kamflow. */
export interface Reporter {
  report(command: PartnerCommandV1): Promise<ReportOutcome>;
}

/** Reports over the HTTP API as the provider principal, the command id as the `Idempotency-Key`. */
export class HttpReporter implements Reporter {
  private token?: string;

  constructor(
    private readonly apiUrl: string,
    private readonly username: string,
    private readonly password: string,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async report(command: PartnerCommandV1): Promise<ReportOutcome> {
    const request = partnerCommandRequest(command);
    let response: Response;
    try {
      response = await this.fetchFn(`${this.apiUrl}${request.path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await this.login()}`,
          'idempotency-key': request.idempotencyKey,
        },
        body: JSON.stringify(request.body),
      });
    } catch (error) {
      return { kind: 'retry', reason: `API unreachable: ${(error as Error).message}` };
    }
    if (response.ok) return { kind: 'done' };
    const detail = `${response.status} ${(await response.text().catch(() => '')).slice(0, 300)}`;
    const action = onFailure(response.status);
    if (action === 'relogin') this.token = undefined;
    return action === 'skip' ? { kind: 'skip', reason: detail } : { kind: 'retry', reason: detail };
  }

  private async login(): Promise<string> {
    if (this.token) return this.token;
    const response = await this.fetchFn(`${this.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.username, password: this.password }),
    });
    if (!response.ok) throw new Error(`login as ${this.username} failed: ${response.status}`);
    const body = (await response.json()) as { accessToken?: string };
    if (!body.accessToken) throw new Error('login answered without an accessToken');
    this.token = body.accessToken;
    return this.token;
  }
}

/** Reports on `kamflow.partner.commands.v1`, keyed by the shipment so its reports stay in order. */
export class KafkaReporter implements Reporter {
  constructor(
    private readonly producer: MessageProducer,
    private readonly topicPrefix = 'kamflow',
  ) {}

  async report(command: PartnerCommandV1): Promise<ReportOutcome> {
    await this.producer.send(partnerCommandsTopic(this.topicPrefix), [
      { key: command.subject, value: command, headers: { commandId: command.id, type: command.type } },
    ]);
    return { kind: 'done' };
  }
}
