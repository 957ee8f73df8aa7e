import { type CreditChangeTerms } from './credit-change.events';

/** A proposed change waiting for the director, or the decision taken on it. */
export interface CreditChangeRequest {
  status: 'proposed' | 'approved' | 'rejected';
  changeId: string;
  accountId: string;
  terms: CreditChangeTerms;
  proposedBy: string;
  reason: string;
  decidedBy?: string;
  decisionReason?: string;
}

/** The credit change aggregate's state: nothing proposed yet, or a request. */
export type CreditChangeState = { status: 'none' } | CreditChangeRequest;

export const initialCreditChangeState = (): CreditChangeState => ({ status: 'none' });

/** Stream of a credit change request: `creditChange-<changeId>`. */
export const creditChangeStreamId = (changeId: string): string => `creditChange-${changeId}`;
