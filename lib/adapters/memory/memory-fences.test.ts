import { describe, expect, it } from 'vitest';
import { MemoryFences } from './memory-fences.ts';

describe('MemoryFences', () => {
  it('lets_a_writer_pass_its_fence_again_and_refuses_it_once_a_newer_token_wrote', async () => {
    const fences = new MemoryFences();
    const old = await fences.next('tick');
    const other = await fences.next('other');
    fences.pass(old);
    fences.pass(old);
    fences.pass(other, 'other');
    fences.pass(old);
    const newer = await fences.next('tick');
    fences.pass(newer);
    expect(() => fences.pass(old)).toThrow(expect.objectContaining({ code: 'LOCK_LOST' }));
    fences.pass(newer);
    fences.pass(other, 'other');
    expect(() => fences.pass(old)).toThrow(expect.objectContaining({ code: 'LOCK_LOST' }));
    expect(await fences.next('tick')).toBe(newer + 1);
    fences.pass(null);
  });

  it('keeps_each_names_fence_apart_when_the_same_token_passes_under_two_names', async () => {
    const fences = new MemoryFences();
    fences.pass(5, 'a');
    fences.pass(5, 'b');
    fences.pass(7, 'a');
    expect(() => fences.pass(5, 'a')).toThrow(expect.objectContaining({ code: 'LOCK_LOST' }));
    fences.pass(5, 'b');
    expect(() => fences.pass(4, 'b')).toThrow(expect.objectContaining({ code: 'LOCK_LOST' }));
  });
});
