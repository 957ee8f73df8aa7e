import { type Actor } from '@kamflow/eventsourcing';
import { type InspectedUnit, type OpenInspection, type SignAcceptanceReceipt } from './inspection.commands';
import { type InspectionEvent } from './inspection.events';

/** Test data for inspection specs. */
export const NOW = '2026-03-06T10:00:00.000Z';
export const DELIVERED_AT = '2026-03-06T09:00:00.000Z';
export const system: Actor = { id: 'system:fulfilment', roles: ['system'] };
export const provider = (providerId = 'lp-sf'): Actor => ({
  id: `provider:${providerId}`,
  roles: ['logistics-provider'],
  providerId,
});

export const delivery = {
  shipmentId: 'shp-1',
  orderId: 'ord-1',
  accountId: 'acc-1',
  providerId: 'lp-sf',
  lines: [
    { lineId: 'l1', modelId: 'thinkpad-t14', quantity: 2 },
    { lineId: 'l2', modelId: 'thinkcentre-m90', quantity: 1 },
  ],
  deliveredAt: DELIVERED_AT,
};
export const open: OpenInspection = {
  type: 'OpenInspection',
  data: delivery,
  metadata: { now: NOW, actor: system },
};
export const opened: InspectionEvent = { type: 'InspectionOpened', data: { ...delivery, openedAt: NOW } };

export const ok = (serial: string, lineId = 'l1'): InspectedUnit => ({ serial, lineId, result: 'ACCEPTED' });
export const bad = (serial: string, lineId = 'l1', defect = 'cracked screen'): InspectedUnit => ({
  serial,
  lineId,
  result: 'REJECTED',
  defect,
});
export const allAccepted = [ok('PF-001'), ok('PF-002'), ok('MJ-100', 'l2')];

export const sign = (
  over: Partial<SignAcceptanceReceipt['data']> = {},
  actor = provider(),
): SignAcceptanceReceipt => ({
  type: 'SignAcceptanceReceipt',
  data: {
    shipmentId: 'shp-1',
    receiptId: 'rcp-1',
    units: allAccepted,
    signatory: 'Wang Fang',
    signedAt: '2026-03-06T11:30:00.000Z',
    satisfaction: 5,
    ...over,
  },
  metadata: { now: NOW, actor },
});
