import { assertNever, type Decider } from '@kamflow/eventsourcing';
import { Roles } from '@kamflow/shared-kernel';
import { requireReason, requireRole, validateTerms } from '../common/credit-guards';
import { type CreditChangeCommand, type ProposeCreditChange } from './credit-change.commands';
import { CreditChangeErrors } from './credit-change.errors';
import { validateCreditChangeCommand } from './credit-change.validate';
import { type CreditChangeEvent, type CreditChangeTerms } from './credit-change.events';
import {
  type CreditChangeRequest,
  type CreditChangeState,
  initialCreditChangeState,
} from './credit-change.state';

/** Decides a command on a credit grade/limit change request: finance proposes, the director approves. */
export function decideCreditChange(
  command: CreditChangeCommand,
  state: CreditChangeState,
): CreditChangeEvent[] {
  const { actor, now } = command.metadata;
  validateCreditChangeCommand(command);
  switch (command.type) {
    case 'ProposeCreditChange':
      return decidePropose(command, state);
    case 'ApproveCreditChange': {
      requireRole(actor, 'approve a credit change', Roles.CreditApprover);
      const reason = requireReason(command.data.reason);
      const request = undecided(state, command.data.changeId);
      if (request.proposedBy === actor.id) throw CreditChangeErrors.sameSignatory(actor.id);
      const { changeId, accountId, terms } = request;
      return [
        {
          type: 'CreditChangeApproved',
          data: { changeId, accountId, ...terms, approvedBy: actor.id, reason, approvedAt: now },
        },
      ];
    }
    case 'RejectCreditChange': {
      requireRole(actor, 'reject a credit change', Roles.CreditApprover);
      const reason = requireReason(command.data.reason);
      const { changeId, accountId } = undecided(state, command.data.changeId);
      return [
        {
          type: 'CreditChangeRejected',
          data: { changeId, accountId, rejectedBy: actor.id, reason, rejectedAt: now },
        },
      ];
    }
    default:
      return assertNever(command, 'credit change command');
  }
}

function decidePropose(command: ProposeCreditChange, state: CreditChangeState): CreditChangeEvent[] {
  const { actor, now } = command.metadata;
  requireRole(actor, 'propose a credit change', Roles.CreditAnalyst);
  const { changeId, accountId, reason: rawReason } = command.data;
  if (state.status !== 'none') throw CreditChangeErrors.changeExists(changeId);
  const terms = termsOf(command.data);
  if (Object.keys(terms).length === 0) throw CreditChangeErrors.emptyChange();
  validateTerms(terms);
  const reason = requireReason(rawReason);
  return [
    {
      type: 'CreditChangeProposed',
      data: { changeId, accountId, ...terms, proposedBy: actor.id, reason, proposedAt: now },
    },
  ];
}

/** Only the fields present: an absent field means "leave as it is". */
function termsOf(data: CreditChangeTerms): CreditChangeTerms {
  const terms: CreditChangeTerms = {};
  if (data.grade !== undefined) terms.grade = data.grade;
  if (data.limit !== undefined) terms.limit = data.limit;
  if (data.paymentTermsDays !== undefined) terms.paymentTermsDays = data.paymentTermsDays;
  return terms;
}

function undecided(state: CreditChangeState, changeId: string): CreditChangeRequest {
  if (state.status === 'none') throw CreditChangeErrors.changeNotFound(changeId);
  if (state.status !== 'proposed') throw CreditChangeErrors.alreadyDecided(changeId, state.status);
  return state;
}

/** Folds one event into the change request. */
export function evolveCreditChange(state: CreditChangeState, event: CreditChangeEvent): CreditChangeState {
  switch (event.type) {
    case 'CreditChangeProposed': {
      const { changeId, accountId, proposedBy, reason } = event.data;
      return { status: 'proposed', changeId, accountId, terms: termsOf(event.data), proposedBy, reason };
    }
    case 'CreditChangeApproved':
      return state.status === 'none'
        ? state
        : {
            ...state,
            status: 'approved',
            decidedBy: event.data.approvedBy,
            decisionReason: event.data.reason,
          };
    case 'CreditChangeRejected':
      return state.status === 'none'
        ? state
        : {
            ...state,
            status: 'rejected',
            decidedBy: event.data.rejectedBy,
            decisionReason: event.data.reason,
          };
    default:
      return assertNever(event, 'credit change event');
  }
}

/** The credit change aggregate (stream `creditChange-<changeId>`); an approval takes effect via `ApplyCreditTerms`. */
export const creditChangeDecider: Decider<CreditChangeState, CreditChangeCommand, CreditChangeEvent> = {
  initialState: initialCreditChangeState,
  evolve: evolveCreditChange,
  decide: decideCreditChange,
};
