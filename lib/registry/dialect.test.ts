import { describe, expect, it } from 'vitest';
import { levelSource, readCompatibilityLevel, readCompatibilityMessages } from './dialect';

describe('registry dialects', () => {
  it('reads the level in either spelling, and nothing else', () => {
    expect(readCompatibilityLevel({ compatibilityLevel: 'FULL' })).toBe('FULL');
    expect(readCompatibilityLevel({ compatibility: 'BACKWARD_TRANSITIVE' })).toBe('BACKWARD_TRANSITIVE');
    expect(readCompatibilityLevel({ compatibilityLevel: 'SOMETIMES' })).toBeNull();
    expect(readCompatibilityLevel(undefined)).toBeNull();
  });

  it("counts a subject's own level only when it is the one that applies", () => {
    // Confluent: no subject level (404) → global.
    expect(levelSource(null, 'BACKWARD')).toBe('global');
    // Apicurio: an unset subject answers NONE while the global level applies.
    expect(levelSource('NONE', 'BACKWARD')).toBe('global');
    expect(levelSource('FULL', 'FULL')).toBe('subject');
  });

  it("reads Confluent's verbose reasons, and none from a registry that gives none", () => {
    expect(
      readCompatibilityMessages({
        is_compatible: false,
        messages: ['READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1'],
      }),
    ).toEqual(['READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1']);
    expect(readCompatibilityMessages({ is_compatible: false })).toEqual([]);
  });
});
