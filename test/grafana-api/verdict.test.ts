import { declaredFloor, highestFloor, lowestPassing, mustPass } from './verdict';

const versions = ['10.4.19', '11.0.2', '11.6.16', '12.0.2', '13.2.3'];

describe('lowestPassing', () => {
  it('is the lowest checked minor, as X.Y.0, when every version passes', () => {
    expect(lowestPassing(versions, [true, true, true, true, true])).toBe('10.4.0');
  });
  it('starts after the last failing version, even when an older one passed', () => {
    expect(lowestPassing(versions, [true, false, true, true, true])).toBe('11.6.0');
  });
  it('is null when the newest version fails', () => {
    expect(lowestPassing(versions, [true, true, true, true, false])).toBeNull();
  });
  it('gives no verdict while a version was not checked', () => {
    expect(lowestPassing(versions, [true, undefined, true, true, true])).toBeNull();
  });
});

describe('declaredFloor', () => {
  it('reads ">=X.Y.Z" with or without a space', () => {
    expect(declaredFloor('>=10.4.0')).toEqual([10, 4, 0]);
    expect(declaredFloor('>= 11.6.1')).toEqual([11, 6, 1]);
  });
  it('refuses ranges it cannot compare and a missing value', () => {
    expect(declaredFloor('^10.4.0')).toBeNull();
    expect(declaredFloor('>=10.4')).toBeNull();
    expect(declaredFloor(undefined)).toBeNull();
  });
});

describe('mustPass', () => {
  it('holds at and above the floor, numerically (11.10 after 11.9)', () => {
    expect(mustPass('10.4.19', [10, 4, 0])).toBe(true);
    expect(mustPass('10.3.5', [10, 4, 0])).toBe(false);
    expect(mustPass('11.10.0', [11, 9, 0])).toBe(true);
  });
});

describe('highestFloor', () => {
  it('is the highest version, compared numerically', () => {
    expect(highestFloor(['10.4.0', '11.10.0', '11.9.0'])).toBe('11.10.0');
  });
  it('is null for no floor or an unreadable one', () => {
    expect(highestFloor([])).toBeNull();
    expect(highestFloor(['10.4.0', 'x'])).toBeNull();
  });
});
