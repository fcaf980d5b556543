import { z } from 'zod';

/** An offset (or a lag), which is 64-bit: it travels as a decimal string. */
export const offsetText = z.string().describe('An offset, as a decimal string');
