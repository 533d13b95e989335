// Public surface of the compose module. Browser-safe: names.ts (node:crypto)
// is deliberately not re-exported — import "@/lib/compose/names" on the server.
export {
  missingVariables,
  parseCompose,
  type ComposeError,
  type ParseOptions,
  type ParseResult,
} from "./parse";
export { formatPath, type PathSeg } from "./path";
export { parseDurationMs, parseNanoCpus, parseSizeBytes } from "./units";
export * from "./spec";
