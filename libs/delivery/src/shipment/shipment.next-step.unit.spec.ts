import { shipmentDecider } from './shipment.decider';
import { historyTo } from './shipment.fixtures';
import { nextStep } from './shipment.next-step';
import { type ShipmentStatus } from './shipment.state';

describe("the provider's next step", () => {
  const expected: [ShipmentStatus, string][] = [
    ['PLANNED', 'CONFIRM_READY'],
    ['READY_TO_SHIP', 'ISSUE_PICK_UP_NOTE'],
    ['PICKED_UP', 'DISPATCH'],
    ['DISPATCHED', 'REPORT_IN_TRANSIT'],
    ['IN_TRANSIT', 'DELIVER'],
    ['DELIVERED', 'INSPECT_AND_SIGN'],
    ['FAILED', 'AWAIT_RESCHEDULE'],
    ['CANCELLED', 'NONE'],
  ];

  it.each(expected)('for a %s shipment is %s', (status, step) => {
    const state = historyTo(status).reduce(shipmentDecider.evolve, shipmentDecider.initialState());
    expect(nextStep(state)).toBe(step);
  });

  it('is nothing once the acceptance receipt is signed', () => {
    const state = historyTo('DELIVERED').reduce(shipmentDecider.evolve, shipmentDecider.initialState());
    expect(nextStep(state, { acceptanceSigned: true })).toBe('NONE');
  });
});
