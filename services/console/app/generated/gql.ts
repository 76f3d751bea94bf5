/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      groupId\n      groupName\n      role\n    }\n  }\n": typeof types.MeDocument,
    "\n  query DatasetMeasurementSummary($id: ID!) {\n    datasetMeasurementSummary(datasetId: $id) {\n      sources {\n        source\n        modelVersionId\n        unit\n        maskCount\n        failedCount\n        particles {\n          class\n          count\n          areaFraction\n          meanEquivalentDiameter\n          medianEquivalentDiameter\n        }\n        plots {\n          sizeHistogramUrl\n        }\n      }\n    }\n  }\n": typeof types.DatasetMeasurementSummaryDocument,
    "\n  query ExportDatasetMeasurements($id: ID!, $source: MaskSource, $modelVersionId: String) {\n    exportDatasetMeasurements(datasetId: $id, source: $source, modelVersionId: $modelVersionId, format: csv) {\n      url\n    }\n  }\n": typeof types.ExportDatasetMeasurementsDocument,
    "\n  query DatasetImages($id: ID!, $filter: ImageFilter, $after: String) {\n    dataset(id: $id) {\n      id\n      images(first: 48, after: $after, filter: $filter) {\n        nodes {\n          id\n          name\n          limsId\n          hasMask\n          width\n          height\n          downloadUrls {\n            thumbnail\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.DatasetImagesDocument,
    "\n  query ImageMeasurements($id: ID!) {\n    imageMeasurements(imageId: $id) {\n      id\n      source\n      modelVersionId\n      status\n      error {\n        message\n      }\n      unit\n      particles {\n        class\n        count\n        areaFraction\n        equivalentDiameter {\n          mean\n          median\n        }\n      }\n      thickness {\n        thickness {\n          mean\n          median\n        }\n      }\n      plots {\n        sizeHistogramUrl\n        thicknessHistogramUrl\n      }\n    }\n  }\n": typeof types.ImageMeasurementsDocument,
    "\n  query Dataset($id: ID!) {\n    dataset(id: $id) {\n      id\n      name\n      material\n      description\n      imageCount\n      visibility {\n        level\n      }\n      classes {\n        index\n        name\n        color\n      }\n      versions {\n        id\n        number\n        imageCount\n        maskCount\n        experiments\n        note\n        createdAt\n      }\n      experiments {\n        name\n        train\n        val\n        test\n      }\n    }\n  }\n": typeof types.DatasetDocument,
    "\n  query Datasets {\n    datasets(first: 100) {\n      nodes {\n        id\n        name\n        material\n        imageCount\n        visibility {\n          level\n        }\n        owner {\n          name\n        }\n        updatedAt\n      }\n    }\n  }\n": typeof types.DatasetsDocument,
    "\n  query Image($id: ID!) {\n    image(id: $id) {\n      id\n      datasetId\n      name\n      fileName\n      format\n      width\n      height\n      limsId\n      pixelSize {\n        value\n        unit\n      }\n      downloadUrls {\n        original\n      }\n    }\n  }\n": typeof types.ImageDocument,
    "\n  query ImageDataset($id: ID!) {\n    dataset(id: $id) {\n      id\n      name\n      classes {\n        index\n        name\n        color\n      }\n    }\n  }\n": typeof types.ImageDatasetDocument,
    "\n  query SignInCheck {\n    me {\n      groupId\n    }\n  }\n": typeof types.SignInCheckDocument,
    "\n  query ImageTiles($imageId: ID!, $level: Int!, $column: Int!, $row: Int!) {\n    image(id: $imageId) {\n      id\n      deepZoom {\n        tiles(level: $level, column: $column, row: $row, columns: 8, rows: 8) {\n          column\n          row\n          url\n        }\n      }\n    }\n  }\n": typeof types.ImageTilesDocument,
    "\n  query MaskTiles($imageId: ID!, $level: Int!, $column: Int!, $row: Int!) {\n    image(id: $imageId) {\n      id\n      masks {\n        id\n        deepZoom {\n          tiles(level: $level, column: $column, row: $row, columns: 8, rows: 8) {\n            column\n            row\n            url\n          }\n        }\n      }\n    }\n  }\n": typeof types.MaskTilesDocument,
    "\n  query ImageViewer($id: ID!) {\n    image(id: $id) {\n      id\n      deepZoom {\n        width\n        height\n        tileSize\n        overlap\n        format\n        maxLevel\n      }\n      masks {\n        id\n        source\n        modelVersionId\n      }\n      evaluations {\n        modelMaskId\n        modelVersionId\n        meanIoU\n        accuracyMapUrl\n      }\n    }\n  }\n": typeof types.ImageViewerDocument,
    "\n  query MaskPyramids($id: ID!) {\n    image(id: $id) {\n      id\n      masks {\n        id\n        deepZoom {\n          width\n          height\n          tileSize\n          overlap\n          format\n          maxLevel\n        }\n      }\n    }\n  }\n": typeof types.MaskPyramidsDocument,
    "\n  query ObjectsAt($imageId: ID!, $x: Float!, $y: Float!) {\n    imageMeasurements(imageId: $imageId) {\n      id\n      maskId\n      unit\n      objectsAt(x: $x, y: $y, limit: 1) {\n        class\n        object\n        area\n        equivalentDiameter\n        perimeter\n        majorAxisLength\n        minorAxisLength\n        solidity\n        touchesBorder\n      }\n    }\n  }\n": typeof types.ObjectsAtDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      groupId\n      groupName\n      role\n    }\n  }\n": types.MeDocument,
    "\n  query DatasetMeasurementSummary($id: ID!) {\n    datasetMeasurementSummary(datasetId: $id) {\n      sources {\n        source\n        modelVersionId\n        unit\n        maskCount\n        failedCount\n        particles {\n          class\n          count\n          areaFraction\n          meanEquivalentDiameter\n          medianEquivalentDiameter\n        }\n        plots {\n          sizeHistogramUrl\n        }\n      }\n    }\n  }\n": types.DatasetMeasurementSummaryDocument,
    "\n  query ExportDatasetMeasurements($id: ID!, $source: MaskSource, $modelVersionId: String) {\n    exportDatasetMeasurements(datasetId: $id, source: $source, modelVersionId: $modelVersionId, format: csv) {\n      url\n    }\n  }\n": types.ExportDatasetMeasurementsDocument,
    "\n  query DatasetImages($id: ID!, $filter: ImageFilter, $after: String) {\n    dataset(id: $id) {\n      id\n      images(first: 48, after: $after, filter: $filter) {\n        nodes {\n          id\n          name\n          limsId\n          hasMask\n          width\n          height\n          downloadUrls {\n            thumbnail\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.DatasetImagesDocument,
    "\n  query ImageMeasurements($id: ID!) {\n    imageMeasurements(imageId: $id) {\n      id\n      source\n      modelVersionId\n      status\n      error {\n        message\n      }\n      unit\n      particles {\n        class\n        count\n        areaFraction\n        equivalentDiameter {\n          mean\n          median\n        }\n      }\n      thickness {\n        thickness {\n          mean\n          median\n        }\n      }\n      plots {\n        sizeHistogramUrl\n        thicknessHistogramUrl\n      }\n    }\n  }\n": types.ImageMeasurementsDocument,
    "\n  query Dataset($id: ID!) {\n    dataset(id: $id) {\n      id\n      name\n      material\n      description\n      imageCount\n      visibility {\n        level\n      }\n      classes {\n        index\n        name\n        color\n      }\n      versions {\n        id\n        number\n        imageCount\n        maskCount\n        experiments\n        note\n        createdAt\n      }\n      experiments {\n        name\n        train\n        val\n        test\n      }\n    }\n  }\n": types.DatasetDocument,
    "\n  query Datasets {\n    datasets(first: 100) {\n      nodes {\n        id\n        name\n        material\n        imageCount\n        visibility {\n          level\n        }\n        owner {\n          name\n        }\n        updatedAt\n      }\n    }\n  }\n": types.DatasetsDocument,
    "\n  query Image($id: ID!) {\n    image(id: $id) {\n      id\n      datasetId\n      name\n      fileName\n      format\n      width\n      height\n      limsId\n      pixelSize {\n        value\n        unit\n      }\n      downloadUrls {\n        original\n      }\n    }\n  }\n": types.ImageDocument,
    "\n  query ImageDataset($id: ID!) {\n    dataset(id: $id) {\n      id\n      name\n      classes {\n        index\n        name\n        color\n      }\n    }\n  }\n": types.ImageDatasetDocument,
    "\n  query SignInCheck {\n    me {\n      groupId\n    }\n  }\n": types.SignInCheckDocument,
    "\n  query ImageTiles($imageId: ID!, $level: Int!, $column: Int!, $row: Int!) {\n    image(id: $imageId) {\n      id\n      deepZoom {\n        tiles(level: $level, column: $column, row: $row, columns: 8, rows: 8) {\n          column\n          row\n          url\n        }\n      }\n    }\n  }\n": types.ImageTilesDocument,
    "\n  query MaskTiles($imageId: ID!, $level: Int!, $column: Int!, $row: Int!) {\n    image(id: $imageId) {\n      id\n      masks {\n        id\n        deepZoom {\n          tiles(level: $level, column: $column, row: $row, columns: 8, rows: 8) {\n            column\n            row\n            url\n          }\n        }\n      }\n    }\n  }\n": types.MaskTilesDocument,
    "\n  query ImageViewer($id: ID!) {\n    image(id: $id) {\n      id\n      deepZoom {\n        width\n        height\n        tileSize\n        overlap\n        format\n        maxLevel\n      }\n      masks {\n        id\n        source\n        modelVersionId\n      }\n      evaluations {\n        modelMaskId\n        modelVersionId\n        meanIoU\n        accuracyMapUrl\n      }\n    }\n  }\n": types.ImageViewerDocument,
    "\n  query MaskPyramids($id: ID!) {\n    image(id: $id) {\n      id\n      masks {\n        id\n        deepZoom {\n          width\n          height\n          tileSize\n          overlap\n          format\n          maxLevel\n        }\n      }\n    }\n  }\n": types.MaskPyramidsDocument,
    "\n  query ObjectsAt($imageId: ID!, $x: Float!, $y: Float!) {\n    imageMeasurements(imageId: $imageId) {\n      id\n      maskId\n      unit\n      objectsAt(x: $x, y: $y, limit: 1) {\n        class\n        object\n        area\n        equivalentDiameter\n        perimeter\n        majorAxisLength\n        minorAxisLength\n        solidity\n        touchesBorder\n      }\n    }\n  }\n": types.ObjectsAtDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      groupId\n      groupName\n      role\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      groupId\n      groupName\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetMeasurementSummary($id: ID!) {\n    datasetMeasurementSummary(datasetId: $id) {\n      sources {\n        source\n        modelVersionId\n        unit\n        maskCount\n        failedCount\n        particles {\n          class\n          count\n          areaFraction\n          meanEquivalentDiameter\n          medianEquivalentDiameter\n        }\n        plots {\n          sizeHistogramUrl\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DatasetMeasurementSummary($id: ID!) {\n    datasetMeasurementSummary(datasetId: $id) {\n      sources {\n        source\n        modelVersionId\n        unit\n        maskCount\n        failedCount\n        particles {\n          class\n          count\n          areaFraction\n          meanEquivalentDiameter\n          medianEquivalentDiameter\n        }\n        plots {\n          sizeHistogramUrl\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportDatasetMeasurements($id: ID!, $source: MaskSource, $modelVersionId: String) {\n    exportDatasetMeasurements(datasetId: $id, source: $source, modelVersionId: $modelVersionId, format: csv) {\n      url\n    }\n  }\n"): (typeof documents)["\n  query ExportDatasetMeasurements($id: ID!, $source: MaskSource, $modelVersionId: String) {\n    exportDatasetMeasurements(datasetId: $id, source: $source, modelVersionId: $modelVersionId, format: csv) {\n      url\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetImages($id: ID!, $filter: ImageFilter, $after: String) {\n    dataset(id: $id) {\n      id\n      images(first: 48, after: $after, filter: $filter) {\n        nodes {\n          id\n          name\n          limsId\n          hasMask\n          width\n          height\n          downloadUrls {\n            thumbnail\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DatasetImages($id: ID!, $filter: ImageFilter, $after: String) {\n    dataset(id: $id) {\n      id\n      images(first: 48, after: $after, filter: $filter) {\n        nodes {\n          id\n          name\n          limsId\n          hasMask\n          width\n          height\n          downloadUrls {\n            thumbnail\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageMeasurements($id: ID!) {\n    imageMeasurements(imageId: $id) {\n      id\n      source\n      modelVersionId\n      status\n      error {\n        message\n      }\n      unit\n      particles {\n        class\n        count\n        areaFraction\n        equivalentDiameter {\n          mean\n          median\n        }\n      }\n      thickness {\n        thickness {\n          mean\n          median\n        }\n      }\n      plots {\n        sizeHistogramUrl\n        thicknessHistogramUrl\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImageMeasurements($id: ID!) {\n    imageMeasurements(imageId: $id) {\n      id\n      source\n      modelVersionId\n      status\n      error {\n        message\n      }\n      unit\n      particles {\n        class\n        count\n        areaFraction\n        equivalentDiameter {\n          mean\n          median\n        }\n      }\n      thickness {\n        thickness {\n          mean\n          median\n        }\n      }\n      plots {\n        sizeHistogramUrl\n        thicknessHistogramUrl\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dataset($id: ID!) {\n    dataset(id: $id) {\n      id\n      name\n      material\n      description\n      imageCount\n      visibility {\n        level\n      }\n      classes {\n        index\n        name\n        color\n      }\n      versions {\n        id\n        number\n        imageCount\n        maskCount\n        experiments\n        note\n        createdAt\n      }\n      experiments {\n        name\n        train\n        val\n        test\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dataset($id: ID!) {\n    dataset(id: $id) {\n      id\n      name\n      material\n      description\n      imageCount\n      visibility {\n        level\n      }\n      classes {\n        index\n        name\n        color\n      }\n      versions {\n        id\n        number\n        imageCount\n        maskCount\n        experiments\n        note\n        createdAt\n      }\n      experiments {\n        name\n        train\n        val\n        test\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Datasets {\n    datasets(first: 100) {\n      nodes {\n        id\n        name\n        material\n        imageCount\n        visibility {\n          level\n        }\n        owner {\n          name\n        }\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Datasets {\n    datasets(first: 100) {\n      nodes {\n        id\n        name\n        material\n        imageCount\n        visibility {\n          level\n        }\n        owner {\n          name\n        }\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Image($id: ID!) {\n    image(id: $id) {\n      id\n      datasetId\n      name\n      fileName\n      format\n      width\n      height\n      limsId\n      pixelSize {\n        value\n        unit\n      }\n      downloadUrls {\n        original\n      }\n    }\n  }\n"): (typeof documents)["\n  query Image($id: ID!) {\n    image(id: $id) {\n      id\n      datasetId\n      name\n      fileName\n      format\n      width\n      height\n      limsId\n      pixelSize {\n        value\n        unit\n      }\n      downloadUrls {\n        original\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageDataset($id: ID!) {\n    dataset(id: $id) {\n      id\n      name\n      classes {\n        index\n        name\n        color\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImageDataset($id: ID!) {\n    dataset(id: $id) {\n      id\n      name\n      classes {\n        index\n        name\n        color\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInCheck {\n    me {\n      groupId\n    }\n  }\n"): (typeof documents)["\n  query SignInCheck {\n    me {\n      groupId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageTiles($imageId: ID!, $level: Int!, $column: Int!, $row: Int!) {\n    image(id: $imageId) {\n      id\n      deepZoom {\n        tiles(level: $level, column: $column, row: $row, columns: 8, rows: 8) {\n          column\n          row\n          url\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImageTiles($imageId: ID!, $level: Int!, $column: Int!, $row: Int!) {\n    image(id: $imageId) {\n      id\n      deepZoom {\n        tiles(level: $level, column: $column, row: $row, columns: 8, rows: 8) {\n          column\n          row\n          url\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MaskTiles($imageId: ID!, $level: Int!, $column: Int!, $row: Int!) {\n    image(id: $imageId) {\n      id\n      masks {\n        id\n        deepZoom {\n          tiles(level: $level, column: $column, row: $row, columns: 8, rows: 8) {\n            column\n            row\n            url\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MaskTiles($imageId: ID!, $level: Int!, $column: Int!, $row: Int!) {\n    image(id: $imageId) {\n      id\n      masks {\n        id\n        deepZoom {\n          tiles(level: $level, column: $column, row: $row, columns: 8, rows: 8) {\n            column\n            row\n            url\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageViewer($id: ID!) {\n    image(id: $id) {\n      id\n      deepZoom {\n        width\n        height\n        tileSize\n        overlap\n        format\n        maxLevel\n      }\n      masks {\n        id\n        source\n        modelVersionId\n      }\n      evaluations {\n        modelMaskId\n        modelVersionId\n        meanIoU\n        accuracyMapUrl\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImageViewer($id: ID!) {\n    image(id: $id) {\n      id\n      deepZoom {\n        width\n        height\n        tileSize\n        overlap\n        format\n        maxLevel\n      }\n      masks {\n        id\n        source\n        modelVersionId\n      }\n      evaluations {\n        modelMaskId\n        modelVersionId\n        meanIoU\n        accuracyMapUrl\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MaskPyramids($id: ID!) {\n    image(id: $id) {\n      id\n      masks {\n        id\n        deepZoom {\n          width\n          height\n          tileSize\n          overlap\n          format\n          maxLevel\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MaskPyramids($id: ID!) {\n    image(id: $id) {\n      id\n      masks {\n        id\n        deepZoom {\n          width\n          height\n          tileSize\n          overlap\n          format\n          maxLevel\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ObjectsAt($imageId: ID!, $x: Float!, $y: Float!) {\n    imageMeasurements(imageId: $imageId) {\n      id\n      maskId\n      unit\n      objectsAt(x: $x, y: $y, limit: 1) {\n        class\n        object\n        area\n        equivalentDiameter\n        perimeter\n        majorAxisLength\n        minorAxisLength\n        solidity\n        touchesBorder\n      }\n    }\n  }\n"): (typeof documents)["\n  query ObjectsAt($imageId: ID!, $x: Float!, $y: Float!) {\n    imageMeasurements(imageId: $imageId) {\n      id\n      maskId\n      unit\n      objectsAt(x: $x, y: $y, limit: 1) {\n        class\n        object\n        area\n        equivalentDiameter\n        perimeter\n        majorAxisLength\n        minorAxisLength\n        solidity\n        touchesBorder\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;