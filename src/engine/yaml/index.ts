// YAML and JSON in and out, as kubectl does it: reading manifest files (go-yaml v2 semantics and
// errors), `-o yaml` (go-yaml v2's emitter after a JSON round trip) and `-o json` (encoding/json).

export { parseManifests, parseYamlValue } from './parse.ts';
export type { ManifestDocument, ManifestError, ManifestWarning, ParseResult } from './parse.ts';
export { YamlOutputError, toYaml, toYamlDocuments } from './emit.ts';
export { encodeJson, toCompactJson, toJson } from './json.ts';
export { UnsupportedValueError } from './goformat.ts';
export type { JsonObject, JsonValue } from './types.ts';
