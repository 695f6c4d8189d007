import { choices } from './choices';

describe('choices', () => {
  it('turns [value, label] pairs into option settings, in order', () => {
    expect(choices([80, '80 %'], [95, '95 %'])).toEqual({
      options: [
        { value: 80, label: '80 %' },
        { value: 95, label: '95 %' },
      ],
    });
  });
});
