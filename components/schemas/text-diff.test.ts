import { describe, expect, it } from 'vitest';
import { diffRows } from './text-diff';

describe('diffRows', () => {
  it('keeps three lines of context around a change and folds the rest', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const rows = diffRows(before, after);
    expect(rows.map((r) => (r.kind === 'fold' ? `fold ${r.hidden.length}` : `${r.kind} ${r.text}`))).toEqual([
      'fold 7',
      'same line 7',
      'same line 8',
      'same line 9',
      'removed line 10',
      'added line ten',
      'same line 11',
      'same line 12',
      'same line 13',
      'fold 6',
    ]);
  });

  it('shows short unchanged runs whole', () => {
    expect(diffRows('a\nb', 'a\nc').map((r) => r.kind)).toEqual(['same', 'removed', 'added']);
  });
});
