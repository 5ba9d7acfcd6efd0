/** A client along the conveyor, as its events tell it (GET /api/clients/{id}). */
export interface ClientInfo {
  id: string;
  /** prospect: no payment yet; new: within the new-client window; churned: keeping ended. */
  status: 'prospect' | 'new' | 'established' | 'churned';
  /** The telemarketer of the first `meeting.scheduled`, and when. */
  source: { employeeId: string; at: string } | null;
  /** Who would be credited for a payment now. */
  seller: string | null;
  keeper: string | null;
  firstPaymentAt: string | null;
  /** End of the new-client window. */
  newUntil: string | null;
  payments: { eventId: string; occurredAt: string; amount: number; kind: 'first' | 'renewal' | 'later' }[];
  totalPaid: number;
}
