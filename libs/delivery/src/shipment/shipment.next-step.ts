import { type ShipmentState } from './shipment.state';

/** What the assigned provider has to do next, for its shipment list. */
export type ShipmentNextStep =
  | 'CONFIRM_READY'
  | 'ISSUE_PICK_UP_NOTE'
  | 'DISPATCH'
  | 'REPORT_IN_TRANSIT'
  | 'DELIVER'
  | 'INSPECT_AND_SIGN'
  | 'AWAIT_RESCHEDULE'
  | 'NONE';

/**
 * The provider's next step. A delivered shipment awaits the on-site inspection and signed receipt
 * (an acceptance-context fact), so callers pass `acceptanceSigned` once the receipt is in.
 */
export function nextStep(
  state: ShipmentState,
  options: { acceptanceSigned?: boolean } = {},
): ShipmentNextStep {
  switch (state.status) {
    case 'PLANNED':
      return 'CONFIRM_READY';
    case 'READY_TO_SHIP':
      return 'ISSUE_PICK_UP_NOTE';
    case 'PICKED_UP':
      return 'DISPATCH';
    case 'DISPATCHED':
      return 'REPORT_IN_TRANSIT';
    case 'IN_TRANSIT':
      return 'DELIVER';
    case 'DELIVERED':
      return options.acceptanceSigned ? 'NONE' : 'INSPECT_AND_SIGN';
    case 'FAILED':
      return 'AWAIT_RESCHEDULE';
    case 'NONE':
    case 'CANCELLED':
      return 'NONE';
  }
}
