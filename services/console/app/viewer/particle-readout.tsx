import type { Client } from '@urql/core';
import OpenSeadragon from 'openseadragon';
import { useEffect, useState } from 'preact/hooks';
import type { DatasetClassView } from '../datasets/class-legend.tsx';
import { graphql } from '../generated/index.ts';

/** How long the pointer rests before the particle under it is looked up. */
const HOVER_DELAY_MS = 120;

const ObjectsAtQuery = graphql(`
  query ObjectsAt($imageId: ID!, $x: Float!, $y: Float!) {
    imageMeasurements(imageId: $imageId, first: 500) { nodes {
      id
      maskId
      unit
      objectsAt(x: $x, y: $y, limit: 1) {
        class
        object
        area
        equivalentDiameter
        perimeter
        majorAxisLength
        minorAxisLength
        solidity
        touchesBorder
      }
    }  }
  }
`);

/** Three significant figures without exponents (17300, not 1.73e+4): read at a glance while hovering. */
const figure = (value: number) => String(Number(value.toPrecision(3)));

export interface ParticleUnderPointer {
  unit: string;
  class: number;
  object: number;
  area: number;
  equivalentDiameter: number;
  perimeter: number;
  majorAxisLength: number;
  minorAxisLength: number;
  solidity: number;
  touchesBorder: boolean;
}

/** The measured particle of the shown mask under the pointer (null over none; undefined before any hover). */
export function useParticleUnderPointer(viewer: OpenSeadragon.Viewer | undefined, client: Client, imageId: string, maskId: string | undefined): ParticleUnderPointer | null | undefined {
  const [particle, setParticle] = useState<ParticleUnderPointer | null>();
  useEffect(() => {
    setParticle(undefined);
    if (!viewer || !maskId) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asked = 0;
    const lookUp = async (x: number, y: number) => {
      const ask = ++asked;
      const result = await client.query(ObjectsAtQuery, { imageId, x, y }, { requestPolicy: 'network-only' }).toPromise();
      if (ask !== asked) return;
      const set = result.data?.imageMeasurements.nodes.find((s) => s.maskId === maskId);
      const found = set?.objectsAt[0];
      setParticle(set && found ? { unit: set.unit, ...found } : null);
    };
    const tracker = new OpenSeadragon.MouseTracker({
      element: viewer.canvas,
      moveHandler: (event) => {
        clearTimeout(timer);
        const item = viewer.world.getItemAt(0);
        if (!item) return;
        const point = item.viewerElementToImageCoordinates(event.position);
        timer = setTimeout(() => void lookUp(Math.floor(point.x), Math.floor(point.y)), HOVER_DELAY_MS);
      },
    });
    return () => {
      clearTimeout(timer);
      asked++;
      tracker.destroy();
    };
  }, [viewer, client, imageId, maskId]);
  return particle;
}

export function ParticleReadout({ particle, classes }: { particle: ParticleUnderPointer | null | undefined; classes: readonly DatasetClassView[] }) {
  const className = (index: number) => classes.find((c) => c.index === index)?.name ?? `class ${index}`;
  return (
    <p class="particle-readout" aria-live="polite" data-testid="particle-readout">
      {particle === undefined && 'Hover a particle to see its measurements.'}
      {particle === null && 'No measured particle here.'}
      {particle && (
        <>
          <strong>
            {className(particle.class)} particle {particle.object + 1}
          </strong>
          : area {figure(particle.area)} {particle.unit}², equivalent diameter {figure(particle.equivalentDiameter)} {particle.unit}, perimeter {figure(particle.perimeter)}{' '}
          {particle.unit}, axes {figure(particle.majorAxisLength)} × {figure(particle.minorAxisLength)} {particle.unit}, solidity {figure(particle.solidity)}
          {particle.touchesBorder && ' (touches the image border: cut off)'}
        </>
      )}
    </p>
  );
}
