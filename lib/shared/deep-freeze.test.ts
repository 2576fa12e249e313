import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deep-freeze.ts';

describe('deepFreeze', () => {
  it('freezes_every_nested_object_and_array_and_returns_the_same_value', () => {
    const value = { a: [{ b: 1 }], c: { d: 'x' } };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value) && Object.isFrozen(value.a) && Object.isFrozen(value.a[0]) && Object.isFrozen(value.c)).toBe(true);
    expect(() => {
      (value.a[0] as { b: number }).b = 2;
    }).toThrow(TypeError);
  });

  it('ends_on_a_cyclic_value', () => {
    const value: { self?: unknown; n: number } = { n: 1 };
    value.self = value;
    expect(Object.isFrozen(deepFreeze(value))).toBe(true);
  });
});
