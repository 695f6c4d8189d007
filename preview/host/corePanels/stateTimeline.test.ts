import { stateSegments } from './stateTimeline';

describe('stateSegments', () => {
  it('holds each value until the next sample and merges equal neighbours', () => {
    expect(stateSegments([0, 10, 20, 30], [0, 0, 1, 0], { merge: true, stepMs: 10 })).toEqual([
      { start: 0, end: 20, value: 0 },
      { start: 20, end: 30, value: 1 },
      { start: 30, end: 40, value: 0 },
    ]);
  });

  it('keeps one segment per sample without merge', () => {
    expect(stateSegments([0, 10], [1, 1], { merge: false, stepMs: 10 })).toHaveLength(2);
  });

  it('ends a segment one step after its sample across a gap, skips nulls and NaN', () => {
    expect(stateSegments([0, 10, 100, 110], [1, null, 1, NaN], { merge: true, stepMs: 10 })).toEqual([
      { start: 0, end: 10, value: 1 },
      { start: 100, end: 110, value: 1 },
    ]);
  });

  it('finds the step from the samples when none is given, and draws nothing for no samples', () => {
    expect(stateSegments([0, 5, 10], [2, 3, 3], { merge: true })).toEqual([
      { start: 0, end: 5, value: 2 },
      { start: 5, end: 15, value: 3 },
    ]);
    expect(stateSegments([], [], { merge: true })).toEqual([]);
  });
});
