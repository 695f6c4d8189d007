// jsdom lacks a few browser APIs that Grafana's packages and our canvas code touch.
import '@testing-library/jest-dom';
import fc from 'fast-check';
import { TextDecoder, TextEncoder } from 'util';

// Property tests draw new cases on every run, except under CI (the test command sets CI=true):
// there they draw the same cases each time (as Hypothesis' derandomised CI profile does), so a
// submission's gate does not depend on the luck of the draw. HEADROOM_PROPERTY_SEED picks a seed
// (any run); each counterexample a random run finds becomes a unit case of its own.
const propertySeed = process.env.HEADROOM_PROPERTY_SEED ?? (process.env.CI ? '20261206' : '');
if (propertySeed) {
  if (!Number.isSafeInteger(Number(propertySeed))) throw new Error(`HEADROOM_PROPERTY_SEED must be an integer, not ${JSON.stringify(propertySeed)}`);
  fc.configureGlobal({ seed: Number(propertySeed) });
}

const g = globalThis as Record<string, unknown>;
if (!g.TextEncoder) {
  g.TextEncoder = TextEncoder;
  g.TextDecoder = TextDecoder;
}
if (!g.matchMedia) {
  g.matchMedia = (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  });
}
if (!g.ResizeObserver) {
  g.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
// A recording 2D context: canvas code runs and tests can assert what was drawn.
if (typeof HTMLCanvasElement !== 'undefined') {
  HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement) {
    const calls: string[] = [];
    const ctx: Record<string | symbol, unknown> = { canvas: this, __calls: calls };
    return new Proxy(ctx, {
      get(target, prop) {
        if (prop in target) {
          return target[prop];
        }
        if (prop === 'measureText') {
          return (text: string) => ({ width: text.length * 6 });
        }
        if (prop === 'createImageData' || prop === 'getImageData') {
          return (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(Math.max(0, w * h * 4)) });
        }
        if (prop === 'createLinearGradient') {
          return () => ({ addColorStop: () => {} });
        }
        return (...args: unknown[]) => {
          calls.push(`${String(prop)}(${args.length})`);
        };
      },
      set(target, prop, value) {
        target[prop] = value;
        return true;
      },
    }) as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
}
