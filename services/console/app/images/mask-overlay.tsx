import { useState } from 'preact/hooks';
import type { DatasetClassView } from '../datasets/class-legend.tsx';
import { ClassColourFilter } from './class-colour-filter.tsx';

export interface MaskView {
  id: string;
  source: 'ground_truth' | 'model';
  modelVersionId?: string | null;
  indexUrl: string;
}

export function maskLabel(mask: MaskView): string {
  return mask.source === 'ground_truth' ? 'Manual mask' : `Model ${mask.modelVersionId ?? ''}`.trim();
}

/**
 * The micrograph with one of its masks drawn over it in class colours. Both are shown at the
 * image's own pixel grid; the mask is scaled without smoothing so no pixel takes a class it
 * does not have.
 */
export function MaskOverlay(props: { imageUrl: string; name: string; width: number; height: number; masks: readonly MaskView[]; classes: readonly DatasetClassView[] }) {
  const [maskId, setMaskId] = useState(props.masks[0]?.id ?? '');
  const [opacity, setOpacity] = useState(60);
  const mask = props.masks.find((m) => m.id === maskId);
  const filterId = 'class-colours';
  return (
    <div class="viewer">
      <div class="viewer-controls">
        {props.masks.length > 0 ? (
          <>
            <label>
              Overlay
              <select value={maskId} onChange={(event) => setMaskId(event.currentTarget.value)}>
                <option value="">None</option>
                {props.masks.map((m) => (
                  <option key={m.id} value={m.id}>
                    {maskLabel(m)}
                  </option>
                ))}
              </select>
            </label>
            <div class="opacity">
              <label for="overlay-opacity">Opacity</label>
              <input id="overlay-opacity" type="range" min={0} max={100} step={5} value={opacity} onInput={(event) => setOpacity(Number(event.currentTarget.value))} />
              <output for="overlay-opacity">{opacity}%</output>
            </div>
          </>
        ) : (
          <p>This image has no mask yet.</p>
        )}
      </div>
      <ClassColourFilter id={filterId} classes={props.classes} />
      <figure class="stack" style={{ aspectRatio: `${props.width} / ${props.height}`, maxWidth: `${props.width}px` }} data-testid="overlay-stack">
        <img src={props.imageUrl} alt={`Micrograph ${props.name}`} width={props.width} height={props.height} />
        {mask && (
          <img
            class="mask"
            src={mask.indexUrl}
            alt={`${maskLabel(mask)} of ${props.name} in class colours`}
            width={props.width}
            height={props.height}
            style={{ filter: `url(#${filterId})`, opacity: opacity / 100 }}
            data-testid="mask-overlay"
          />
        )}
      </figure>
    </div>
  );
}
