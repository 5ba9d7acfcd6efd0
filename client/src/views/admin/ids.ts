const GENERATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id worth showing: one a person or CRM chose (`tm1`, `crm-42`), not one the server generated. */
export function shownId(id: string): string {
  return GENERATED.test(id) ? '' : id;
}
