export type { BuildServerOptions } from './build-server.ts';
export { buildServer } from './build-server.ts';
export type { BatchLine, CheckInputBody } from './check-input-schema.ts';
export { batchLineSchema, checkInputSchema, formatIssues } from './check-input-schema.ts';
export type { ErrorBody } from './error-handler.ts';
export { toErrorResponse } from './error-handler.ts';
