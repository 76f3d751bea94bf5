export { buildProgram, runCli } from './program.ts';
export { printError, printResult, type OutputOptions } from './output.ts';
export { GatewayClient, clientFromOptions, DEFAULT_GATEWAY_URL, type GatewayClientOptions, type Page, allNodes, found } from './gateway-client.ts';
export { ENUM_FIELD_NAMES } from './api-enums.ts';
export { describeFile, uploadImage, type ImageUploadOptions, type LocalFile, type UploadedImage } from './commands/image.ts';
export { cliEnvironmentSchema, type CliEnvironment } from './cli-environment.ts';
