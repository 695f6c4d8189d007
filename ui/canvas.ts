// Canvases drawn at the screen's device pixel ratio: one place that reads the ratio and sizes a
// canvas's backing store for a CSS size.

/** The device pixel ratio (1 outside a browser, or when the browser gives none). */
export function devicePixelRatio(): number {
  return typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
}

/**
 * The 2D context of `canvas` with its backing store sized to width × height CSS pixels at `dpr`
 * (rounded to whole device pixels), or null when there is no canvas or no 2D context (jsdom).
 */
export function sizedContext(canvas: HTMLCanvasElement | null | undefined, width: number, height: number, dpr: number): CanvasRenderingContext2D | null {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return null;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  return ctx;
}
