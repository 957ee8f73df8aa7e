import { type DomainEvent } from '@kamflow/eventsourcing';
import { type CreditGrade, type Money } from '@kamflow/shared-kernel';

/** The fields a change sets; absent fields stay as they are. */
export interface CreditChangeTerms {
  grade?: CreditGrade;
  limit?: Money;
  paymentTermsDays?: number;
}

export type CreditChangeProposed = DomainEvent<
  'CreditChangeProposed',
  {
    changeId: string;
    accountId: string;
    proposedBy: string;
    reason: string;
    proposedAt: string;
  } & CreditChangeTerms
>;

/** Carries the terms so the process manager can apply them (`ApplyCreditTerms`) from the event alone. */
export type CreditChangeApproved = DomainEvent<
  'CreditChangeApproved',
  {
    changeId: string;
    accountId: string;
    approvedBy: string;
    reason: string;
    approvedAt: string;
  } & CreditChangeTerms
>;

export type CreditChangeRejected = DomainEvent<
  'CreditChangeRejected',
  { changeId: string; accountId: string; rejectedBy: string; reason: string; rejectedAt: string }
>;

/** Every event of the credit change aggregate. */
export type CreditChangeEvent = CreditChangeProposed | CreditChangeApproved | CreditChangeRejected;
