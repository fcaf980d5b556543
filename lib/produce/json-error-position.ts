import { MAX_VALUE_DEPTH } from '@/lib/serde/nesting-depth';

/**
 * Where a JSON text stops being valid JSON, as an offset: V8's JSON.parse messages on Node 20
 * often give no position ("Unexpected token '}', … is not valid JSON"). A small recursive
 * descent over the grammar, run only after JSON.parse failed. Pure.
 */
export function jsonErrorOffset(text: string): { offset: number; expected: string } | null {
  let i = 0;
  class Stop extends Error {
    constructor(readonly expected: string) {
      super(expected);
    }
  }
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    throw new Stop(expected);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a value');
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail('four hex digits after \\u');
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          fail('an escape such as \\n or \\"');
        }
      } else if (c < ' ') fail('no control character inside a string (write \\n)');
      else i++;
    }
    fail('the closing quote of the string');
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail('a value');
    i += m![0].length;
  };
  // Recursion is bounded like the values the console accepts, so hostile nesting cannot overflow the stack.
  let depth = 0;
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === undefined) fail('a value');
    if ((c === '{' || c === '[') && depth >= MAX_VALUE_DEPTH)
      fail(`at most ${MAX_VALUE_DEPTH} levels of nesting`);
    if (c === '{') {
      i++;
      depth++;
      ws();
      if (text[i] === '}') {
        i++;
        depth--;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("':' after the property name");
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          depth--;
          return;
        }
        fail("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      depth++;
      ws();
      if (text[i] === ']') {
        i++;
        depth--;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          depth--;
          return;
        }
        fail("',' or ']'");
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the value');
    return null;
  } catch (error) {
    if (error instanceof Stop) return { offset: i, expected: error.expected };
    throw error;
  }
}
