import { type Command } from '@kamflow/eventsourcing';
import { type CreditGrade, type Money } from '@kamflow/shared-kernel';

/** A credit-analyst (finance) proposes a new grade, limit and/or payment terms for an account. */
export type ProposeCreditChange = Command<
  'ProposeCreditChange',
  {
    changeId: string;
    accountId: string;
    grade?: CreditGrade;
    limit?: Money;
    paymentTermsDays?: number;
    reason: string;
  }
>;

/** A credit-approver (营销总监), not the proposer, approves the change. */
export type ApproveCreditChange = Command<'ApproveCreditChange', { changeId: string; reason: string }>;

/** A credit-approver rejects the change. */
export type RejectCreditChange = Command<'RejectCreditChange', { changeId: string; reason: string }>;

/** Every command of the credit change aggregate. */
export type CreditChangeCommand = ProposeCreditChange | ApproveCreditChange | RejectCreditChange;
