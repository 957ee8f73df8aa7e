import { validatePartnerCommandResult } from './partner-command-results';
import {
  partnerCommandRequest,
  type ReportShipmentStatusV1,
  type SignAcceptanceReceiptV1,
  validatePartnerCommand,
} from './partner-commands';

const status: ReportShipmentStatusV1 = {
  id: 'lp-sf:evt-1:PICKED_UP',
  type: 'ReportShipmentStatus',
  version: 1,
  issuedAt: '2026-12-15T09:00:00.000Z',
  partner: 'lp-sf',
  subject: 'shp-1',
  data: { status: 'PICKED_UP', at: '2026-12-15T09:00:00+08:00', pickUpNoteNo: 'PU-1' },
};

const receipt: SignAcceptanceReceiptV1 = {
  ...status,
  id: 'lp-sf:evt-1:receipt',
  type: 'SignAcceptanceReceipt',
  data: {
    units: [
      { serial: 'SN-1', lineId: 'L1', result: 'ACCEPTED' },
      { serial: 'SN-2', lineId: 'L1', result: 'REJECTED', defect: 'dead pixel' },
    ],
    signatory: 'Li Wei',
    signedAt: '2026-12-16T15:00:00+08:00',
    satisfaction: 4,
  },
};

describe('partner commands', () => {
  it('accepts a status report and a receipt with the API field names', () => {
    expect(validatePartnerCommand(status)).toEqual([]);
    expect(validatePartnerCommand(receipt)).toEqual([]);
    expect(
      validatePartnerCommand({
        ...status,
        type: 'RecordPayment',
        subject: 'inv-1',
        data: {
          amount: { amount: 100, currency: 'CNY' },
          receivedAt: '2027-01-05T10:00:00Z',
          reference: 'ICBC-1',
        },
      }),
    ).toEqual([]);
  });

  it('rejects an unknown status, a satisfaction outside 1-5 and an unknown command', () => {
    expect(validatePartnerCommand({ ...status, data: { ...status.data, status: 'LOST' } })).toEqual([
      '$.data.status: must be one of READY_TO_SHIP, PICKED_UP, DISPATCHED, IN_TRANSIT, DELIVERED, FAILED',
    ]);
    expect(validatePartnerCommand({ ...receipt, data: { ...receipt.data, satisfaction: 9 } })).toEqual([
      '$.data.satisfaction: above 5',
    ]);
    expect(validatePartnerCommand({ type: 'DeleteEverything' })).toEqual([
      '$.type: unknown partner command "DeleteEverything"',
    ]);
  });

  it('maps to the equivalent HTTP request, the command id as the Idempotency-Key', () => {
    expect(partnerCommandRequest(status)).toEqual({
      path: '/shipments/shp-1/status',
      body: status.data,
      idempotencyKey: 'lp-sf:evt-1:PICKED_UP',
    });
    expect(partnerCommandRequest(receipt).path).toBe('/shipments/shp-1/acceptance-receipt');
  });
});

describe('partner command results', () => {
  const base = {
    type: 'PartnerCommandResult',
    version: 1,
    commandId: status.id,
    commandType: 'ReportShipmentStatus',
    partner: 'lp-jd',
    subject: 'shp-1',
    processedAt: '2026-12-15T09:00:01.000Z',
  };

  it('carries the outcome, and for a rejection the problem the API answers', () => {
    expect(
      validatePartnerCommandResult({ ...base, outcome: 'ACCEPTED', revision: 3, duplicate: false }),
    ).toEqual([]);
    const problem = {
      type: 'https://kamflow.dev/problems/delivery-not-assigned-provider',
      title: 'Forbidden',
      status: 403,
      detail: 'Shipment shp-1 is not assigned to lp-jd',
      code: 'DELIVERY.NOT_ASSIGNED_PROVIDER',
      details: { shipmentId: 'shp-1' },
    };
    expect(validatePartnerCommandResult({ ...base, outcome: 'REJECTED', problem })).toEqual([]);
    expect(validatePartnerCommandResult({ ...base, subject: null, outcome: 'LOST' })).toEqual([
      '$.outcome: must be one of ACCEPTED, REJECTED',
    ]);
  });
});
