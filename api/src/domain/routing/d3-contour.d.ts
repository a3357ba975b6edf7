// Minimal types for d3-contour (no @types package installed): only what the isochrones use.
declare module 'd3-contour' {
  export interface ContourMultiPolygon {
    type: 'MultiPolygon';
    value: number;
    coordinates: number[][][][];
  }
  export interface Contours {
    (values: ArrayLike<number>): ContourMultiPolygon[];
    size(size: [number, number]): Contours;
    thresholds(thresholds: number[]): Contours;
    smooth(smooth: boolean): Contours;
  }
  export function contours(): Contours;
}
