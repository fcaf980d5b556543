/**
 * A message fingerprint: the text of an error with what varies per record masked, so that
 * "Order 123 not found" and "Order 456 not found" are one cause. Pure.
 *
 * Masked, in this order: UUIDs, long hex strings (hashes, trace ids), any word that contains a
 * digit (ids such as "ord-00042", "SKU-7", "orders-3"), and whatever remains of plain numbers.
 * Words without digits (class names, field names, event types) are kept: they are the reason.
 */

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX = /\b(?:0x)?[0-9a-f]{16,}\b/gi;
/** A run of id characters containing at least one digit. */
const WORD_WITH_DIGIT = /[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*/g;
const SPACES = /\s+/g;

export function maskMessage(message: string): string {
  return message
    .replace(UUID, '<uuid>')
    .replace(HEX, '<hex>')
    .replace(WORD_WITH_DIGIT, (word) => (/^-?\d+$/.test(word) ? '<n>' : '<id>'))
    .replace(SPACES, ' ')
    .trim();
}

/** Class and masked message, the key dead letters are grouped by. */
export function fingerprintMessage(className: string | null, message: string | null): string {
  return `${className ?? 'unknown'}: ${message ? maskMessage(message) : ''}`.trim();
}
