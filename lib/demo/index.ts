/**
 * The demo data set, pure (no Kafka, no Next.js): generator, schemas, model, fold rules and the
 * plan of every topic the seeder writes. scripts/seed.ts writes it; tests read the truth here.
 */
export * from './order-model';
export * from './generate-order-events';
export * from './order-schemas';
export * from './order-avro';
export * from './fold-rules';
export * from './order-placement';
export * from './dead-letters';
export * from './snapshots';
export * from './side-topics';
export * from './consumer-groups';
export * from './topics';
export * from './seed-plan';
export * from './seed-stream';
export * from './demo-truth';
export { createRng, type Rng, type RngState } from './prng';
export type { Customer, Product } from './reference-data';
