/**
 * An example reducer module for the demo's orders, the same fold as the declarative rules in
 * console.config.json, written as code. An operator places modules like this one in the
 * directory named by a cluster's `reducerDir` and names one in a stream's `reducerModule`.
 * The console passes copies of the state and the event (resolved to the latest schema) and keeps
 * the plain-JSON object returned.
 *
 * @param {Record<string, unknown>} state
 * @param {{ type: string, orderId: string, payload: Record<string, any> }} event
 */
export function reduce(state, event) {
  const next = { ...state, eventCount: (state.eventCount ?? 0) + 1 };
  const p = event.payload;
  switch (event.type) {
    case 'OrderPlaced':
      return {
        ...next,
        orderId: event.orderId,
        status: 'PLACED',
        customerId: p.customerId,
        shippingAddress: p.shippingAddress,
        items: [],
        paidTotalCents: 0,
      };
    case 'ItemAdded':
      return { ...next, items: [...(state.items ?? []), p.item] };
    case 'ItemRemoved':
      return { ...next, items: (state.items ?? []).filter((item) => item.sku !== p.sku) };
    case 'AddressChanged':
      return { ...next, shippingAddress: p.address };
    case 'OrderPaid':
      return { ...next, paidTotalCents: (state.paidTotalCents ?? 0) + p.amountCents, status: 'PAID' };
    case 'OrderShipped':
      return { ...next, status: 'SHIPPED', shipment: p };
    case 'OrderCancelled': {
      const { shippingAddress: _dropped, ...rest } = next;
      return { ...rest, status: 'CANCELLED', cancelReason: p.reason };
    }
    default:
      throw new Error(`unknown order event type ${event.type}`);
  }
}
