import { devicePixelRatio, sizedContext } from './canvas';

describe('canvas sizing', () => {
  it('sizes the backing store to whole device pixels and gives the 2D context', () => {
    const ctx = {} as CanvasRenderingContext2D;
    const canvas = { width: 0, height: 0, getContext: (kind: string) => (kind === '2d' ? ctx : null) } as unknown as HTMLCanvasElement;
    expect(sizedContext(canvas, 100.3, 50, 1.5)).toBe(ctx);
    expect([canvas.width, canvas.height]).toEqual([150, 75]);
  });

  it('is null without a canvas or a 2D context, and leaves the canvas alone', () => {
    expect(sizedContext(null, 10, 10, 2)).toBeNull();
    const canvas = { width: 7, height: 7, getContext: () => null } as unknown as HTMLCanvasElement;
    expect(sizedContext(canvas, 10, 10, 2)).toBeNull();
    expect([canvas.width, canvas.height]).toEqual([7, 7]);
  });

  it('reads the device pixel ratio, 1 when the window gives none', () => {
    const saved = window.devicePixelRatio;
    Object.defineProperty(window, 'devicePixelRatio', { value: 2, configurable: true });
    expect(devicePixelRatio()).toBe(2);
    Object.defineProperty(window, 'devicePixelRatio', { value: 0, configurable: true });
    expect(devicePixelRatio()).toBe(1);
    Object.defineProperty(window, 'devicePixelRatio', { value: saved, configurable: true });
  });
});
