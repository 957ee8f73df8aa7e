import fc from 'fast-check';
import { DeciderSpecification, DomainError } from '@kamflow/eventsourcing';
import { type InspectionCommand } from './inspection.commands';
import { inspectionDecider } from './inspection.decider';
import { allAccepted, delivery, NOW, opened, sign, system } from './inspection.fixtures';
import { validateInspectionCommand } from './inspection.validate';

const spec = DeciderSpecification.for(inspectionDecider);
const refusedOn = (field: string) => (error: DomainError) => {
  expect(error.kind).toBe('invalid');
  expect(error.details?.field).toBe(field);
};
const receipt = (over: Record<string, unknown>) => sign(over);

describe('acceptance receipts no reader could read', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['signed on no day', { signedAt: '2026-02-30T10:00:00Z' }, 'ACCEPTANCE.INVALID_RECEIPT', 'signedAt'],
    ['signed at a date without time', { signedAt: '2026-03-06' }, 'ACCEPTANCE.INVALID_RECEIPT', 'signedAt'],
    ['a NUL in the signatory', { signatory: 'Wang\u0000Fang' }, 'ACCEPTANCE.SIGNATORY_REQUIRED', 'signatory'],
    ['a satisfaction of 4.5', { satisfaction: 4.5 }, 'ACCEPTANCE.INVALID_SATISFACTION', 'satisfaction'],
    ['units that are not a list', { units: 'PF-001' }, 'ACCEPTANCE.INVALID_RECEIPT', 'units'],
    ['a unit that is null', { units: [null] }, 'ACCEPTANCE.INVALID_RECEIPT', 'units[0]'],
    [
      'a serial that is a number',
      { units: [{ ...allAccepted[0], serial: 1 }] },
      'ACCEPTANCE.INVALID_RECEIPT',
      'units[0].serial',
    ],
    [
      'an unknown result',
      { units: [{ ...allAccepted[0], result: 'OK' }] },
      'ACCEPTANCE.INVALID_RECEIPT',
      'units[0].result',
    ],
    [
      'a defect that is an object',
      { units: [{ ...allAccepted[0], result: 'REJECTED', defect: {} }] },
      'ACCEPTANCE.INVALID_RECEIPT',
      'units[0].defect',
    ],
  ])('a receipt %s is refused, naming the field, with no event', (_what, over, code, field) => {
    spec.given([opened]).when(receipt(over)).thenThrows(code, refusedOn(field));
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['delivered at no instant', { deliveredAt: 'yesterday' }, 'deliveredAt'],
    [
      'a negative delivered quantity',
      { lines: [{ ...delivery.lines[0], quantity: -1 }] },
      'lines[0].quantity',
    ],
    ['a line that is text', { lines: ['l1'] }, 'lines[0]'],
  ])('an inspection %s is not opened', (_what, over, field) => {
    const command = {
      type: 'OpenInspection',
      data: { ...delivery, ...over },
      metadata: { now: NOW, actor: system },
    };
    spec
      .given([])
      .when(command as InspectionCommand)
      .thenThrows('ACCEPTANCE.INVALID_INSPECTION', refusedOn(field));
  });

  it('either refuses junk in a receipt field as invalid or records data that passes the same checks', () => {
    const value = fc.oneof(fc.anything(), fc.string(), fc.integer({ min: -1, max: 7 }), fc.double());
    const field = fc.constantFrom('receiptId', 'units', 'signatory', 'signedAt', 'satisfaction');
    fc.assert(
      fc.property(field, value, (name, v) => {
        const state = [opened].reduce(inspectionDecider.evolve, inspectionDecider.initialState());
        let events;
        try {
          events = inspectionDecider.decide(receipt({ [name]: v }), state);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect(['invalid', 'rule']).toContain((error as DomainError).kind);
          return;
        }
        const [signed] = events;
        if (signed?.type !== 'AcceptanceReceiptSigned') throw new Error('expected a signed receipt');
        const { shipmentId, receiptId, units, signatory, signedAt, satisfaction } = signed.data;
        validateInspectionCommand(
          receipt({ shipmentId, receiptId, units, signatory, signedAt, satisfaction }),
        );
      }),
      { seed: 306, numRuns: 300 },
    );
  });
});
