import { type Actor, DeciderSpecification, fold } from '@kamflow/eventsourcing';
import { money, Roles } from '@kamflow/shared-kernel';
import { creditAccountDecider } from '../credit-account/credit-account.decider';
import { type ApplyCreditTerms } from '../credit-account/credit-account.commands';
import { actors, history, NOW, open, review, types, yuan } from '../testing/credit-fixtures';
import {
  type ApproveCreditChange,
  type ProposeCreditChange,
  type RejectCreditChange,
} from './credit-change.commands';
import { creditChangeDecider } from './credit-change.decider';
import { type CreditChangeEvent } from './credit-change.events';
import { creditChangeStreamId } from './credit-change.state';

const spec = DeciderSpecification.for(creditChangeDecider);

const propose = (
  data: Partial<ProposeCreditChange['data']> = {},
  by: Actor = actors.analyst,
): ProposeCreditChange => ({
  type: 'ProposeCreditChange',
  data: {
    changeId: 'chg-1',
    accountId: 'acc-1',
    limit: yuan(20_000),
    reason: 'Two years of punctual payment',
    ...data,
  },
  metadata: { now: NOW, actor: by },
});
const approve = (by: Actor = actors.approver, reason = 'Agreed'): ApproveCreditChange => ({
  type: 'ApproveCreditChange',
  data: { changeId: 'chg-1', reason },
  metadata: { now: NOW, actor: by },
});
const reject = (by: Actor = actors.approver, reason = 'Wait for the annual review'): RejectCreditChange => ({
  type: 'RejectCreditChange',
  data: { changeId: 'chg-1', reason },
  metadata: { now: NOW, actor: by },
});
const proposed: CreditChangeEvent[] = [
  {
    type: 'CreditChangeProposed',
    data: {
      changeId: 'chg-1',
      accountId: 'acc-1',
      limit: yuan(20_000),
      proposedBy: 'user:analyst',
      reason: 'Two years of punctual payment',
      proposedAt: NOW,
    },
  },
];

describe('proposing a credit change', () => {
  it('records the proposal of a credit analyst', () => {
    spec.given([]).when(propose()).then(proposed);
    expect(creditChangeStreamId('chg-1')).toBe('creditChange-chg-1');
  });

  it('needs at least one of grade, limit or payment terms', () => {
    spec
      .given([])
      .when(propose({ limit: undefined }))
      .thenThrows('CREDIT.NO_CHANGE');
  });

  it('needs a reason', () => {
    spec
      .given([])
      .when(propose({ reason: ' ' }))
      .thenThrows('CREDIT.REASON_REQUIRED');
  });

  it('refuses invalid terms', () => {
    spec
      .given([])
      .when(propose({ limit: money(-100) }))
      .thenThrows('CREDIT.INVALID_TERMS');
    spec
      .given([])
      .when(propose({ grade: 'E' as 'A' }))
      .thenThrows('CREDIT.INVALID_TERMS');
  });

  it('is for a credit analyst (finance) only', () => {
    spec.given([]).when(propose({}, actors.approver)).thenThrows('CREDIT.FORBIDDEN');
    spec.given([]).when(propose({}, actors.manager)).thenThrows('CREDIT.FORBIDDEN');
  });

  it('refuses a change id used before', () => {
    spec.given(proposed).when(propose()).thenThrows('CREDIT.CHANGE_EXISTS');
  });
});

describe('deciding a proposed change', () => {
  it('lets the director approve it, carrying the terms to apply', () => {
    spec
      .given(proposed)
      .when(approve())
      .then([
        {
          type: 'CreditChangeApproved',
          data: {
            changeId: 'chg-1',
            accountId: 'acc-1',
            limit: yuan(20_000),
            approvedBy: 'user:director',
            reason: 'Agreed',
            approvedAt: NOW,
          },
        },
      ]);
  });

  it('lets the director reject it', () => {
    spec
      .given(proposed)
      .when(reject())
      .thenMatches((events, state) => {
        expect(types(events)).toEqual(['CreditChangeRejected']);
        expect(state).toMatchObject({
          status: 'rejected',
          decidedBy: 'user:director',
          decisionReason: 'Wait for the annual review',
        });
      });
  });

  it('refuses the proposer approving their own change', () => {
    const both: Actor = { id: 'user:analyst', roles: [Roles.CreditAnalyst, Roles.CreditApprover] };
    spec.given(proposed).when(approve(both)).thenThrows('CREDIT.SAME_SIGNATORY');
  });

  it('is for a credit approver only, with a reason', () => {
    spec.given(proposed).when(approve(actors.otherAnalyst)).thenThrows('CREDIT.FORBIDDEN');
    spec.given(proposed).when(reject(actors.analyst)).thenThrows('CREDIT.FORBIDDEN');
    spec.given(proposed).when(approve(actors.approver, '')).thenThrows('CREDIT.REASON_REQUIRED');
    spec.given(proposed).when(reject(actors.approver, '')).thenThrows('CREDIT.REASON_REQUIRED');
  });

  it('cannot decide a change twice', () => {
    const approved = [
      ...proposed,
      ...creditChangeDecider.decide(approve(), fold(creditChangeDecider, proposed)),
    ];
    spec
      .given(approved)
      .when(approve(actors.otherApprover))
      .thenThrows('CREDIT.CHANGE_ALREADY_DECIDED', (e) => expect(e.kind).toBe('conflict'));
    spec.given(approved).when(reject()).thenThrows('CREDIT.CHANGE_ALREADY_DECIDED');
  });

  it('cannot decide a change nobody proposed', () => {
    spec.given([]).when(approve()).thenThrows('CREDIT.CHANGE_NOT_FOUND');
  });
});

describe('an approved change taking effect', () => {
  it('changes the account terms and releases the held orders that now fit', () => {
    const change = fold(creditChangeDecider, proposed);
    const [approvedEvent] = creditChangeDecider.decide(approve(), change);
    if (approvedEvent?.type !== 'CreditChangeApproved') throw new Error('not approved');
    const { changeId, accountId, limit } = approvedEvent.data;
    const apply: ApplyCreditTerms = {
      type: 'ApplyCreditTerms',
      data: { accountId, changeId, limit },
      metadata: { now: NOW, actor: actors.system },
    };
    const account = history(open('A', yuan(10_000)), review('o-1', yuan(15_000)));
    const effect = creditAccountDecider.decide(apply, fold(creditAccountDecider, account));
    expect(types(effect)).toEqual(['CreditTermsChanged', 'OrderCreditApproved']);
    expect(effect[0].data).toMatchObject({
      changeId: 'chg-1',
      before: { limit: yuan(10_000) },
      after: { limit: yuan(20_000) },
    });
  });
});
