import { headroomMeta, META_KEY } from './contract';

describe('headroomMeta', () => {
  it('reads the role from meta.custom.headroom, and nothing from frames of other sources', () => {
    expect(headroomMeta({ meta: { custom: { [META_KEY]: { role: 'cost', currency: 'EUR' } } } })).toEqual({ role: 'cost', currency: 'EUR' });
    expect(headroomMeta({})).toBeUndefined();
    expect(headroomMeta({ meta: {} })).toBeUndefined();
    expect(headroomMeta({ meta: { custom: { [META_KEY]: { currency: 'EUR' } } } })).toBeUndefined();
    expect(headroomMeta({ meta: { custom: { [META_KEY]: 'cost' } } })).toBeUndefined();
  });
});
