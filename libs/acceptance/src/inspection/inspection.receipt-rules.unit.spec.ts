import { DeciderSpecification } from '@kamflow/eventsourcing';
import { inspectionDecider } from './inspection.decider';
import { allAccepted, bad, ok, opened, sign } from './inspection.fixtures';
import { acceptanceDeadline, overdue } from './inspection.state';

const spec = DeciderSpecification.for(inspectionDecider);

describe('the rules of a receipt', () => {
  it('refuses more units on a line than were delivered', () => {
    spec
      .given([opened])
      .when(sign({ units: [...allAccepted, ok('PF-003')] }))
      .thenThrows('ACCEPTANCE.MORE_THAN_DELIVERED', (e) =>
        expect(e.details).toEqual({ lineId: 'l1', delivered: 2, inspected: 3 }),
      );
  });

  it('requires every delivered unit to be inspected', () => {
    spec
      .given([opened])
      .when(sign({ units: [ok('PF-001'), ok('MJ-100', 'l2')] }))
      .thenThrows('ACCEPTANCE.UNITS_NOT_INSPECTED', (e) =>
        expect(e.details).toMatchObject({ lineId: 'l1', inspected: 1 }),
      );
  });

  it('refuses the same serial twice', () => {
    spec
      .given([opened])
      .when(sign({ units: [ok('PF-001'), ok('PF-001'), ok('MJ-100', 'l2')] }))
      .thenThrows('ACCEPTANCE.DUPLICATE_SERIAL');
  });

  it('refuses a unit on a line that was not delivered', () => {
    spec
      .given([opened])
      .when(sign({ units: [ok('PF-001'), ok('PF-002'), ok('MJ-100', 'l9')] }))
      .thenThrows('ACCEPTANCE.UNKNOWN_LINE');
  });

  it('requires a defect for a rejected unit', () => {
    spec
      .given([opened])
      .when(sign({ units: [ok('PF-001'), bad('PF-002', 'l1', ' '), ok('MJ-100', 'l2')] }))
      .thenThrows('ACCEPTANCE.DEFECT_REQUIRED');
  });

  it('refuses a unit without a serial', () => {
    spec
      .given([opened])
      .when(sign({ units: [ok('PF-001'), ok(''), ok('MJ-100', 'l2')] }))
      .thenThrows('ACCEPTANCE.INVALID_RECEIPT');
  });

  it.each([0, 6, 4.5, Number.NaN])('refuses a satisfaction of %s', (satisfaction) => {
    spec.given([opened]).when(sign({ satisfaction })).thenThrows('ACCEPTANCE.INVALID_SATISFACTION');
  });

  it.each([1, 5])('accepts a satisfaction of %s', (satisfaction) => {
    spec
      .given([opened])
      .when(sign({ satisfaction }))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ satisfaction }));
  });

  it('requires who signed', () => {
    spec
      .given([opened])
      .when(sign({ signatory: '  ' }))
      .thenThrows('ACCEPTANCE.SIGNATORY_REQUIRED');
  });

  it('refuses a signature dated before the delivery', () => {
    spec
      .given([opened])
      .when(sign({ signedAt: '2026-03-06T08:00:00.000Z' }))
      .thenThrows('ACCEPTANCE.SIGNED_BEFORE_DELIVERY');
  });
});

describe('an inspection awaiting its receipt', () => {
  const state = inspectionDecider.evolve(inspectionDecider.initialState(), opened);

  it('is overdue once the allowed days have passed since delivery', () => {
    expect(acceptanceDeadline(state, 3)).toBe('2026-03-09T09:00:00.000Z');
    expect(overdue(state, '2026-03-09T08:59:59.000Z', 3)).toBe(false);
    expect(overdue(state, '2026-03-09T09:00:00.000Z', 3)).toBe(true);
  });

  it('is never overdue once signed, nor before delivery', () => {
    const signed = inspectionDecider.decide(sign(), state).reduce(inspectionDecider.evolve, state);
    expect(overdue(signed, '2026-04-01T00:00:00.000Z', 3)).toBe(false);
    expect(overdue(inspectionDecider.initialState(), '2026-04-01T00:00:00.000Z', 3)).toBe(false);
  });
});
