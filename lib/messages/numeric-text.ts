/**
 * Decimal numbers in text, recognised in one left-to-right pass. Filters compare message fields
 * that may be long strings of digits; a regular expression with nested optional digit runs
 * backtracks quadratically on them, so these checks never look at a character twice.
 *
 * The grammar: optional `-`, then digits with an optional `.` and fraction (`12`, `12.`, `12.5`)
 * or a bare fraction (`.5`), then an optional exponent (`e`/`E`, optional sign, digits).
 */

/** The end of the longest decimal number that starts at `start`, or -1 when none does. */
export function scanDecimalNumber(text: string, start = 0): number {
  const n = text.length;
  let i = start;
  if (i < n && text.charCodeAt(i) === 45 /* - */) i++;
  const intStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  let fracDigits = 0;
  if (i < n && text.charCodeAt(i) === 46 /* . */) {
    const dot = i;
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    fracDigits = i - dot - 1;
    // "-." or "." alone is not a number; "12." is.
    if (intDigits === 0 && fracDigits === 0) return -1;
  }
  if (intDigits === 0 && fracDigits === 0) return -1;
  if (i < n && (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69) /* e E */) {
    const mark = i;
    let j = i + 1;
    if (j < n && (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45)) j++;
    const expStart = j;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    // Without exponent digits the number ends before the "e".
    i = j === expStart ? mark : j;
  }
  return i;
}

/** Whether the whole text spells a decimal number. */
export function isDecimalNumber(text: string): boolean {
  return text.length > 0 && scanDecimalNumber(text, 0) === text.length;
}

/** Whether the whole text spells an integer: optional `-`, then one or more digits. */
export function isDecimalInteger(text: string): boolean {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n) return false;
  for (; i < n; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
