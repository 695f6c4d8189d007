// The part of d3-scale-chromatic (no type package here) the heatmap uses: its interpolators by
// name (interpolateOranges, interpolateSpectral…), each t in [0, 1] → a CSS colour.
declare module 'd3-scale-chromatic' {
  const interpolators: Record<string, ((t: number) => string) | unknown>;
  export = interpolators;
}
