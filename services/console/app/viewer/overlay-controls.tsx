import type { MaskSource } from '../generated/graphql.ts';
import OpenSeadragon from 'openseadragon';

export interface MaskView {
  id: string;
  source: MaskSource;
  modelVersionId?: string | null;
}

export function maskLabel(mask: MaskView | undefined): string {
  if (!mask) return 'mask';
  return mask.source === 'GROUND_TRUTH' ? 'Manual mask' : `Model ${mask.modelVersionId ?? ''}`.trim();
}

interface EvaluationView {
  modelMaskId: string;
  modelVersionId?: string | null;
  meanIoU?: number | null;
}

/** Which mask and accuracy map lie over the micrograph, how opaque, and the zoom buttons. */
export function OverlayControls(props: {
  masks: readonly MaskView[];
  maskId: string;
  onMask: (id: string) => void;
  opacity: number;
  onOpacity: (value: number) => void;
  evaluations: readonly EvaluationView[];
  accuracyMaskId: string;
  onAccuracy: (modelMaskId: string) => void;
  accuracyOpacity: number;
  onAccuracyOpacity: (value: number) => void;
  viewer: OpenSeadragon.Viewer | undefined;
}) {
  const { viewer } = props;
  return (
    <div class="viewer-controls">
      {props.masks.length > 0 ? (
        <>
          <label>
            Overlay
            <select value={props.maskId} onChange={(event) => props.onMask(event.currentTarget.value)}>
              <option value="">None</option>
              {props.masks.map((m) => (
                <option key={m.id} value={m.id}>
                  {maskLabel(m)}
                </option>
              ))}
            </select>
          </label>
          <Slider id="overlay-opacity" label="Mask opacity" value={props.opacity} onInput={props.onOpacity} />
        </>
      ) : (
        <p>This image has no mask yet.</p>
      )}
      {props.evaluations.length > 0 && (
        <>
          <label>
            Accuracy map
            <select value={props.accuracyMaskId} onChange={(event) => props.onAccuracy(event.currentTarget.value)}>
              <option value="">None</option>
              {props.evaluations.map((e) => (
                <option key={e.modelMaskId} value={e.modelMaskId}>
                  {`Model ${e.modelVersionId ?? ''}`.trim()} against the manual mask
                </option>
              ))}
            </select>
          </label>
          {props.accuracyMaskId && <Slider id="accuracy-opacity" label="Accuracy map opacity" value={props.accuracyOpacity} onInput={props.onAccuracyOpacity} />}
        </>
      )}
      <div class="zoom-buttons" role="group" aria-label="Zoom">
        <button type="button" disabled={!viewer} onClick={() => viewer?.viewport.zoomBy(1.5)}>
          Zoom in
        </button>
        <button type="button" disabled={!viewer} onClick={() => viewer?.viewport.zoomBy(1 / 1.5)}>
          Zoom out
        </button>
        <button type="button" disabled={!viewer} onClick={() => viewer?.viewport.goHome()}>
          Fit
        </button>
        <button type="button" disabled={!viewer} onClick={() => viewer && actualPixels(viewer)}>
          Actual pixels
        </button>
      </div>
    </div>
  );
}

function Slider(props: { id: string; label: string; value: number; onInput: (value: number) => void }) {
  return (
    <div class="opacity">
      <label for={props.id}>{props.label}</label>
      <input id={props.id} type="range" min={0} max={100} step={5} value={props.value} onInput={(event) => props.onInput(Number(event.currentTarget.value))} />
      <output for={props.id}>{props.value}%</output>
    </div>
  );
}

/** One image pixel per screen pixel, the image's corner on a whole pixel: what the microscope recorded, unresampled. */
function actualPixels(viewer: OpenSeadragon.Viewer): void {
  const item = viewer.world.getItemAt(0);
  if (!item) return;
  viewer.viewport.zoomTo(item.imageToViewportZoom(1 / (window.devicePixelRatio || 1)), undefined, true);
  viewer.viewport.applyConstraints(true);
  const corner = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(0, 0));
  const offset = new OpenSeadragon.Point(corner.x - Math.round(corner.x), corner.y - Math.round(corner.y));
  viewer.viewport.panBy(viewer.viewport.deltaPointsFromPixels(offset, true), true);
}

/** The accuracy map's colours (metrology's accuracy-map.ts) and the mean IoU it pictures. */
export function AccuracyLegend({ meanIoU }: { meanIoU?: number | null | undefined }) {
  return (
    <p class="accuracy-legend">
      <span class="swatch" style={{ background: '#ffffff' }} aria-hidden="true" /> true positive <span class="swatch" style={{ background: '#ff00ff' }} aria-hidden="true" /> missed (false negative){' '}
      <span class="swatch" style={{ background: '#00ffff' }} aria-hidden="true" /> false alarm (false positive)
      {meanIoU !== null && meanIoU !== undefined && ` · mean IoU ${meanIoU.toFixed(3)}`}
    </p>
  );
}
