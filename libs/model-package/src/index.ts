export { PackageErrorReason } from './errors.ts';
export { EXPORTER_VERSION, type ExportPackageOptions, type ExportedPackage, FORMAT_VERSION, exportPackage, maskOf } from './export-package.ts';
export { type ImportPackageOptions, type ImportedPackage, importPackage } from './import-package.ts';
export { MICRONET_CITATION } from './micronet.ts';
export { type NpyArray, readNpy, writeNpy } from './npy.ts';
export { type Rdf, RdfSchema, parseRdf, validateRdf } from './rdf.ts';
export { type GrayImage, syntheticMicrograph } from './sample-image.ts';
export { readZip, writeZip } from './zip.ts';
