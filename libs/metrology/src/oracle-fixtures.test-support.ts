import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Where the scikit-image oracle (test/oracles/metrology) keeps its committed fixtures. */
export const ORACLE_DIR = fileURLToPath(
  new URL('../../../test/oracles/metrology/', import.meta.url),
);

export interface OracleObject {
  area: number;
  centroid: [number, number];
  bbox: [number, number, number, number];
  perimeter: number;
  equivalentDiameter: number;
  majorAxisLength: number;
  minorAxisLength: number;
  orientation: number;
  eccentricity: number;
  convexArea: number;
  solidity: number;
}

export interface OracleThickness {
  classes: number[];
  radius: number;
  minArea: number;
  layerPixels: number;
  runs: { seed: number; meanThickness: number | null; skeletonPixels: number }[];
  meanThicknessRange: [number, number] | null;
}

export interface OracleCase {
  width: number;
  height: number;
  particles: Record<'4' | '8', { class: number; count: number; objects: OracleObject[] }[]>;
  thickness?: OracleThickness;
}

export async function readOracleJson<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(`${ORACLE_DIR}${name}`, 'utf8')) as T;
}

/** Angles equal modulo pi: orientations of +pi/2 and -pi/2 are the same axis. */
export function sameAxisAngle(a: number, b: number, tolerance: number): boolean {
  const d = Math.abs(a - b) % Math.PI;
  return Math.min(d, Math.PI - d) <= tolerance;
}
