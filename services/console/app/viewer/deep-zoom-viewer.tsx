import { useClient, useQuery } from '@urql/preact';
import OpenSeadragon from 'openseadragon';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message.tsx';
import type { DatasetClassView } from '../datasets/class-legend.tsx';
import { graphql } from '../generated/index.ts';
import { type DeepZoomPyramid, deepZoomTileSource } from './deep-zoom-source.ts';
import { AccuracyLegend, OverlayControls, type MaskView, maskLabel } from './overlay-controls.tsx';
import { ParticleReadout, useParticleUnderPointer } from './particle-readout.tsx';
import { type ScaleBar, scaleBar } from './scale-bar.ts';

const ImageViewerQuery = graphql(`
  query ImageViewer($id: ID!) {
    image(id: $id) {
      id
      deepZoom {
        width
        height
        tileSize
        overlap
        format
        maxLevel
      }
      masks {
        id
        source
        modelVersionId
      }
      evaluations {
        modelMaskId
        modelVersionId
        meanIoU
        accuracyMapUrl
      }
    }
  }
`);

// Apart from the micrograph's: the micrograph shows while a mask's pyramid is still being made (a mask stored a moment ago).
const MaskPyramidsQuery = graphql(`
  query MaskPyramids($id: ID!) {
    image(id: $id) {
      id
      masks {
        id
        deepZoom {
          width
          height
          tileSize
          overlap
          format
          maxLevel
        }
      }
    }
  }
`);

/** A User Timing mark, read by bench/console.ts. */
const FIRST_OVERLAY_TILE = 'microseg:first-overlay-tile';

export interface DeepZoomViewerProps {
  imageId: string;
  name: string;
  /** null when the image has none; undefined until its details are loaded (no scale bar yet). */
  pixelSize: { value: number; unit: string } | null | undefined;
  classes: readonly DatasetClassView[];
}

/**
 * The micrograph in a deep-zoom viewer (OpenSeadragon), with a mask in class colours and a model
 * mask's accuracy map as overlays, a scale bar, and the measured particle under the pointer.
 * Tiles are drawn without smoothing, so a mask pixel never shows a class it does not have.
 */
export function DeepZoomViewer(props: DeepZoomViewerProps) {
  const client = useClient();
  const [{ data, error }] = useQuery({ query: ImageViewerQuery, variables: { id: props.imageId } });
  // Beside the micrograph's, not after it: the masks' pyramids are made ahead, so both answer at once.
  const [pyramids] = useQuery({ query: MaskPyramidsQuery, variables: { id: props.imageId } });
  const element = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<OpenSeadragon.Viewer>();
  const [maskId, setMaskId] = useState<string>();
  const [opacity, setOpacity] = useState(60);
  const [accuracyMaskId, setAccuracyMaskId] = useState('');
  const [accuracyOpacity, setAccuracyOpacity] = useState(80);
  const [imageZoom, setImageZoom] = useState<number>();
  const [busy, setBusy] = useState(true);
  const image = data?.image;
  const masks: readonly MaskView[] = image?.masks ?? [];
  const selectedMaskId = maskId ?? masks[0]?.id ?? '';
  const maskPyramid = pyramids.data?.image?.masks.find((m) => m.id === selectedMaskId)?.deepZoom;
  const accuracyMap = image?.evaluations.find((e) => e.modelMaskId === accuracyMaskId);

  useMicrograph(element.current, client, props.imageId, image?.deepZoom, setViewer, setBusy, setImageZoom);
  // Drawn once the image's details say whether it has a pixel size (undefined: not known yet).
  const bar: ScaleBar | undefined = imageZoom === undefined || props.pixelSize === undefined ? undefined : scaleBar(imageZoom, props.pixelSize);
  const maskItem = useOverlay(viewer, 1, maskPyramid && selectedMaskId ? deepZoomTileSource(client, { imageId: props.imageId, maskId: selectedMaskId }, maskPyramid) : undefined, `mask ${selectedMaskId}`, opacity);
  useOverlay(viewer, 2, accuracyMap ? { type: 'image', url: accuracyMap.accuracyMapUrl, buildPyramid: false } : undefined, `accuracy ${accuracyMaskId}`, accuracyOpacity);
  const particle = useParticleUnderPointer(viewer, client, props.imageId, maskItem ? selectedMaskId : undefined);
  // The world's items say when their tiles are in, but an overlay joins the world only once OpenSeadragon has
  // opened its source: until then the view is not what it will be.
  const overlayPending = maskPyramid !== undefined && selectedMaskId !== '' && maskItem === undefined;

  if (error) return <ErrorMessage error={error} />;
  return (
    <div class="viewer">
      <OverlayControls
        masks={masks}
        maskId={selectedMaskId}
        onMask={setMaskId}
        opacity={opacity}
        onOpacity={setOpacity}
        evaluations={image?.evaluations ?? []}
        accuracyMaskId={accuracyMaskId}
        onAccuracy={setAccuracyMaskId}
        accuracyOpacity={accuracyOpacity}
        onAccuracyOpacity={setAccuracyOpacity}
        viewer={viewer}
      />
      {pyramids.error && <ErrorMessage error={pyramids.error} />}
      <figure class="deep-zoom" aria-busy={busy || !image || overlayPending} aria-label={`Micrograph ${props.name}${maskPyramid ? ` with the ${maskLabel(masks.find((m) => m.id === selectedMaskId))}` : ''}`}>
        <div ref={element} class="deep-zoom-canvas" data-testid="deep-zoom" />
        {bar && (
          <div class="scale-bar" data-testid="scale-bar">
            <div class="scale-bar-line" style={{ width: `${bar.pixels}px` }} />
            <span>{bar.label}</span>
            {!props.pixelSize && <span class="scale-bar-note"> (pixel size unknown)</span>}
          </div>
        )}
        {!image && <figcaption aria-live="polite">Preparing the tiles…</figcaption>}
      </figure>
      {accuracyMap && <AccuracyLegend meanIoU={accuracyMap.meanIoU} />}
      <ParticleReadout particle={particle} classes={props.classes} />
    </div>
  );
}

/** Opens the micrograph's pyramid once it is described; keeps the scale bar and the loading state current. */
function useMicrograph(
  element: HTMLDivElement | null,
  client: ReturnType<typeof useClient>,
  imageId: string,
  pyramid: DeepZoomPyramid | undefined,
  setViewer: (viewer: OpenSeadragon.Viewer | undefined) => void,
  setBusy: (busy: boolean) => void,
  onZoom: (screenPixelsPerImagePixel: number) => void,
) {
  const zoomHandler = useRef(onZoom);
  zoomHandler.current = onZoom;
  useEffect(() => {
    if (!element || !pyramid) return undefined;
    const viewer = OpenSeadragon({
      element,
      tileSources: deepZoomTileSource(client, { imageId }, pyramid),
      // Canvas, not WebGL: tiles come from another origin (the object store) without CORS.
      drawer: 'canvas',
      imageSmoothingEnabled: false,
      showNavigationControl: false,
      crossOriginPolicy: false,
      maxZoomPixelRatio: 8,
      // The full-size level as soon as a screen pixel shows less than an image pixel (the default
      // waits for two): a mask's class boundaries are never drawn from a downsampled level there.
      minPixelRatio: 1,
      // Lets a small micrograph shrink below the fitted size, to one screen pixel per image pixel.
      minZoomImageRatio: 0.25,
      visibilityRatio: 0.2,
      preserveImageSizeOnResize: true,
    });
    const update = () => {
      const item = viewer.world.getItemAt(0);
      if (!item) return;
      const imageZoom = item.viewportToImageZoom(viewer.viewport.getZoom(true));
      zoomHandler.current(imageZoom);
      const corner = item.imageToViewerElementCoordinates(new OpenSeadragon.Point(0, 0));
      element.dataset['imageRect'] = [corner.x, corner.y, pyramid.width * imageZoom, pyramid.height * imageZoom].map((n) => n.toFixed(2)).join(',');
    };
    viewer.addHandler('open', update);
    viewer.addHandler('viewport-change', update);
    // Busy until every layer (an overlay added later too) has the tiles of the current view.
    const allLoaded = () => {
      let loaded = true;
      for (let i = 0; i < viewer.world.getItemCount(); i++) loaded &&= viewer.world.getItemAt(i).getFullyLoaded();
      return loaded;
    };
    const refreshBusy = () => {
      if (!allLoaded()) {
        setBusy(true);
        return;
      }
      // Loaded tiles reach the canvas on OpenSeadragon's next frame: busy until that frame is drawn.
      viewer.addOnceHandler('update-viewport', () => setBusy(!allLoaded()));
      viewer.forceRedraw();
    };
    viewer.world.addHandler('add-item', (event) => {
      event.item.addHandler('fully-loaded-change', refreshBusy);
      refreshBusy();
    });
    viewer.world.addHandler('remove-item', refreshBusy);
    setViewer(viewer);
    return () => {
      setViewer(undefined);
      viewer.destroy();
    };
  }, [element, client, imageId, pyramid?.width, pyramid?.height, pyramid?.maxLevel]);
}

/**
 * Keeps one overlay (a tile source, or none) at `slot` in the world, over the micrograph and at its
 * position, at `opacity` percent. `key` names what the source shows: a new key swaps the overlay.
 */
function useOverlay(viewer: OpenSeadragon.Viewer | undefined, slot: number, tileSource: object | undefined, key: string, opacity: number): OpenSeadragon.TiledImage | undefined {
  const [item, setItem] = useState<OpenSeadragon.TiledImage>();
  const opacityNow = useRef(opacity);
  opacityNow.current = opacity;
  const present = tileSource !== undefined;
  useEffect(() => {
    if (!viewer || !tileSource) return undefined;
    let added: OpenSeadragon.TiledImage | undefined;
    let gone = false;
    // For bench/console.ts: when the first overlay tile arrived, since the page's navigation started.
    const firstTile = (event: { tiledImage?: OpenSeadragon.TiledImage }) => {
      if (!added || event.tiledImage !== added) return;
      viewer.removeHandler('tile-loaded', firstTile);
      if (performance.getEntriesByName(FIRST_OVERLAY_TILE).length === 0) performance.mark(FIRST_OVERLAY_TILE);
    };
    viewer.addHandler('tile-loaded', firstTile);
    viewer.addTiledImage({
      tileSource,
      x: 0,
      y: 0,
      width: 1,
      index: Math.min(slot, viewer.world.getItemCount()),
      opacity: opacityNow.current / 100,
      success: (event: { item: OpenSeadragon.TiledImage }) => {
        if (gone) {
          viewer.world.removeItem(event.item);
          return;
        }
        added = event.item;
        setItem(added);
      },
    } as unknown as OpenSeadragon.TileSourceSpecifier);
    return () => {
      gone = true;
      viewer.removeHandler('tile-loaded', firstTile);
      if (added) viewer.world.removeItem(added);
      setItem(undefined);
    };
  }, [viewer, key, present]);
  useEffect(() => {
    item?.setOpacity(opacity / 100);
  }, [item, opacity]);
  return item;
}
