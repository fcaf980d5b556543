import type { FoldRule, FoldRuleSet } from '@/lib/fold-rules/rules';
import type { OrderEventType } from './order-model';

/**
 * The demo's order fold, as data: the same thing reduceOrderEvent (order-model.ts) says in code.
 * The console's time-travel reads rule sets of exactly this shape from configuration; the format
 * is documented in lib/fold-rules/rules.ts. Events are read as the latest schema version decodes them,
 * with the payload union branch unwrapped ({ type, orderId, occurredAt, payload: {...} }).
 */
export type OrderFoldRuleSet = FoldRuleSet & { byType: Record<OrderEventType, FoldRule[]> };

export const orderFoldRules: OrderFoldRuleSet = {
  typePath: 'type',
  always: [{ op: 'increment', path: 'eventCount', by: 1 }],
  byType: {
    OrderPlaced: [
      { op: 'set', path: 'orderId', from: 'orderId' },
      { op: 'set', path: 'status', value: 'PLACED' },
      // customerId and shippingAddress
      { op: 'merge', from: 'payload' },
      { op: 'set', path: 'items', value: [] },
      { op: 'set', path: 'paidTotalCents', value: 0 },
    ],
    ItemAdded: [{ op: 'append', path: 'items', from: 'payload.item' }],
    ItemRemoved: [{ op: 'remove', path: 'items', match: { sku: 'payload.sku' } }],
    AddressChanged: [{ op: 'set', path: 'shippingAddress', from: 'payload.address' }],
    OrderPaid: [
      { op: 'increment', path: 'paidTotalCents', from: 'payload.amountCents' },
      { op: 'set', path: 'status', value: 'PAID' },
    ],
    OrderShipped: [
      { op: 'set', path: 'status', value: 'SHIPPED' },
      { op: 'set', path: 'shipment', from: 'payload' },
    ],
    OrderCancelled: [
      { op: 'set', path: 'status', value: 'CANCELLED' },
      { op: 'set', path: 'cancelReason', from: 'payload.reason' },
      // A cancelled order no longer needs the customer's address.
      { op: 'delete', path: 'shippingAddress' },
    ],
  },
};
