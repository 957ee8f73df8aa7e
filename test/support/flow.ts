import { type Client, eventually, futureDate } from './app-harness';

/** Waits until the order satisfies `check` (the process manager works asynchronously). */
export function orderWhen(desk: Client, orderId: string, check: (order: any) => void, timeoutMs?: number) {
  return eventually(async () => {
    const answer = await desk.get(`/orders/${orderId}`);
    check(answer.body);
    return answer.body;
  }, timeoutMs);
}

export async function planShipment(desk: Client, orderId: string, lines: { lineId: string; quantity: number }[], providerId = 'lp-sf') {
  const answer = await desk.post(`/orders/${orderId}/shipments`, { providerId, plannedDate: futureDate(3), lines });
  if (answer.status !== 201) throw new Error(`plan shipment: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.id as string;
}

const FLOW = ['READY_TO_SHIP', 'PICKED_UP', 'DISPATCHED', 'IN_TRANSIT', 'DELIVERED'] as const;

/** The provider reports every step up to delivery (waiting for the shipment to exist first). */
export async function deliver(provider: Client, shipmentId: string) {
  for (const status of FLOW) {
    await eventually(async () => {
      const answer = await provider.post(`/shipments/${shipmentId}/status`, { status, at: new Date().toISOString() });
      if (answer.status !== 202) throw new Error(`${status}: ${answer.status} ${JSON.stringify(answer.body)}`);
    });
  }
}

/** The provider signs the receipt once the inspection is open (retrying while it is not yet). */
export async function signReceipt(
  provider: Client,
  shipmentId: string,
  units: { serial: string; lineId: string; result: 'ACCEPTED' | 'REJECTED'; defect?: string }[],
  satisfaction = 5,
) {
  return eventually(async () => {
    const answer = await provider.post(`/shipments/${shipmentId}/acceptance-receipt`, {
      units,
      signatory: '李主任',
      signedAt: new Date().toISOString(),
      satisfaction,
    });
    if (answer.status !== 201) throw new Error(`receipt: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  });
}

export function units(prefix: string, lineId: string, count: number, rejected: number[] = []) {
  return Array.from({ length: count }, (_, i) =>
    rejected.includes(i)
      ? { serial: `${prefix}-${i + 1}`, lineId, result: 'REJECTED' as const, defect: '屏幕坏点 dead pixels' }
      : { serial: `${prefix}-${i + 1}`, lineId, result: 'ACCEPTED' as const },
  );
}
