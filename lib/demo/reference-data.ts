import type { Address } from './order-model';
import type { Rng } from './prng';

/** Fixed reference data the demo draws from: products, customers, addresses. */

const cities: readonly { city: string; country: string; postalCode: (rng: Rng) => string }[] = [
  {
    city: 'Amsterdam',
    country: 'NL',
    postalCode: (r) =>
      `10${r.int(11, 99)} ${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}`,
  },
  {
    city: 'Rotterdam',
    country: 'NL',
    postalCode: (r) =>
      `30${r.int(11, 99)} ${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}`,
  },
  { city: 'Berlin', country: 'DE', postalCode: (r) => `1${r.int(1000, 4199)}` },
  { city: 'Munich', country: 'DE', postalCode: (r) => `8${r.int(1000, 1999)}` },
  { city: 'Paris', country: 'FR', postalCode: (r) => `750${String(r.int(1, 20)).padStart(2, '0')}` },
  { city: 'Lyon', country: 'FR', postalCode: (r) => `6900${r.int(1, 9)}` },
  { city: 'Madrid', country: 'ES', postalCode: (r) => `280${String(r.int(1, 55)).padStart(2, '0')}` },
  { city: 'Milan', country: 'IT', postalCode: (r) => `201${String(r.int(0, 99)).padStart(2, '0')}` },
  { city: 'Vienna', country: 'AT', postalCode: (r) => `1${String(r.int(1, 23)).padStart(2, '0')}0` },
  { city: 'Brussels', country: 'BE', postalCode: (r) => `10${r.int(0, 99).toString().padStart(2, '0')}` },
  {
    city: 'Dublin',
    country: 'IE',
    postalCode: (r) => `D${String(r.int(1, 24)).padStart(2, '0')} ${r.int(100, 999)}`,
  },
  { city: 'Copenhagen', country: 'DK', postalCode: (r) => `${r.int(1050, 2450)}` },
];

const streets = [
  'Keizersgracht',
  'Hauptstrasse',
  'Rue de Rivoli',
  'Calle Mayor',
  'Via Roma',
  'Ringstrasse',
  'Grafton Street',
  'Nyhavn',
  'Coolsingel',
  'Leopoldstrasse',
  'Rue de la Loi',
  'Prinsengracht',
  'Kurfürstendamm',
  'Avenue Foch',
];

export function randomAddress(rng: Rng): Address {
  const place = rng.pick(cities);
  return {
    street: `${rng.pick(streets)} ${rng.int(1, 240)}`,
    city: place.city,
    postalCode: place.postalCode(rng),
    country: place.country,
  };
}

const adjectives = [
  'Classic',
  'Compact',
  'Deluxe',
  'Eco',
  'Ergonomic',
  'Heavy-duty',
  'Mini',
  'Pro',
  'Smart',
  'Ultra',
  'Vintage',
  'Wireless',
];
const nouns = [
  'Backpack',
  'Blender',
  'Desk Lamp',
  'Headphones',
  'Kettle',
  'Keyboard',
  'Mug',
  'Notebook',
  'Office Chair',
  'Phone Case',
  'Running Shoes',
  'Speaker',
  'Standing Desk',
  'Thermos',
  'Toaster',
  'Umbrella',
  'Water Bottle',
  'Webcam',
];

export interface Product {
  sku: string;
  name: string;
  unitPriceCents: number;
}

/** A catalog of `size` products with stable SKUs (SKU-00001...). */
export function buildCatalog(rng: Rng, size: number): Product[] {
  const products: Product[] = [];
  for (let i = 1; i <= size; i++) {
    const base = rng.int(3, 250) * 100 - 1; // prices end in .99
    products.push({
      sku: `SKU-${String(i).padStart(5, '0')}`,
      name: `${rng.pick(adjectives)} ${rng.pick(nouns)}`,
      unitPriceCents: base,
    });
  }
  return products;
}

const firstNames = [
  'Anna',
  'Bram',
  'Chloé',
  'Daan',
  'Elena',
  'Finn',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Katrin',
  'Luca',
  'Marta',
  'Noah',
  'Olga',
  'Pieter',
  'Sofia',
  'Tomás',
];
const lastNames = [
  'Bakker',
  'Dubois',
  'Fischer',
  'García',
  'Jansen',
  'Kowalski',
  'Martin',
  'Müller',
  'Novak',
  'Rossi',
  'Schmidt',
  'Visser',
  'Weber',
];

export interface Customer {
  customerId: string;
  name: string;
  email: string;
  address: Address;
  /** Epoch ms. */
  signedUpAt: number;
}

/** The customer numbered `i` (from 1), drawn from `rng` where the previous customer left it. */
export function buildCustomer(rng: Rng, i: number, signedUpBefore: number): Customer {
  const first = rng.pick(firstNames);
  const last = rng.pick(lastNames);
  return {
    customerId: `cust-${String(i).padStart(5, '0')}`,
    name: `${first} ${last}`,
    email: `${first}.${last}.${i}@example.com`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, ''),
    address: randomAddress(rng),
    signedUpAt: signedUpBefore - rng.int(1, 400) * 86_400_000 - rng.int(0, 86_399_999),
  };
}

export function buildCustomers(rng: Rng, size: number, signedUpBefore: number): Customer[] {
  const customers: Customer[] = [];
  for (let i = 1; i <= size; i++) customers.push(buildCustomer(rng, i, signedUpBefore));
  return customers;
}

/** Customers drawn by position: an array, or a table that rebuilds each one on demand. */
export interface CustomerSource {
  readonly size: number;
  get(index: number): Customer;
}

/**
 * The customers of a large demo without keeping them: the generator's position before each one
 * (16 bytes a customer), from which `get` draws that customer again, exactly as buildCustomers
 * drew it.
 */
export class CustomerTable implements CustomerSource {
  private readonly positions: Uint32Array;

  constructor(
    private readonly rng: Rng,
    readonly size: number,
    private readonly signedUpBefore: number,
  ) {
    this.positions = new Uint32Array(size * 4);
    for (let i = 0; i < size; i++) {
      this.positions.set(rng.save(), i * 4);
      buildCustomer(rng, i + 1, signedUpBefore);
    }
  }

  get(index: number): Customer {
    const p = this.positions;
    const at = index * 4;
    this.rng.restore([p[at]!, p[at + 1]!, p[at + 2]!, p[at + 3]!]);
    return buildCustomer(this.rng, index + 1, this.signedUpBefore);
  }
}

export const carriers = ['DHL', 'UPS', 'FedEx', 'PostNL', 'DPD'] as const;

export const cancelReasons = [
  'customer changed their mind',
  'payment not received in time',
  'item out of stock',
  'duplicate order',
  'suspected fraud',
] as const;

export function trackingNumber(rng: Rng, carrier: string): string {
  const digits = () => String(rng.uint32() % 1_000_000_000).padStart(9, '0');
  switch (carrier) {
    case 'UPS':
      return `1Z${rng.uint32().toString(16).toUpperCase().padStart(8, '0')}${digits().slice(0, 8)}`;
    case 'PostNL':
      return `3S${digits()}${digits().slice(0, 4)}`;
    default:
      return `${digits()}${digits().slice(0, 3)}`;
  }
}
