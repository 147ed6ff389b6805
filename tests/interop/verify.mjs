// node verify.mjs <file> <mime> [anchors.pem]
// Prints one JSON object: c2pa-rs's validation state, manifest count, active-manifest failure codes, and its full report.
import { readFileSync } from 'node:fs';
import { WasmReader, contextJson } from './c2pa.mjs';

const [file, mime, anchorsPath] = process.argv.slice(2);
if (!file || !mime) {
  console.error('usage: node verify.mjs <file> <mime> [anchors.pem]');
  process.exit(64);
}

try {
  const anchors = anchorsPath ? readFileSync(anchorsPath, 'utf8') : null;
  const reader = await WasmReader.fromBytes(mime, new Uint8Array(readFileSync(file)), contextJson(anchors));
  const report = JSON.parse(reader.json());
  const failures = report.validation_results?.activeManifest?.failure ?? [];
  console.log(JSON.stringify({
    validation_state: report.validation_state ?? null,
    manifest_count: Object.keys(report.manifests ?? {}).length,
    active_manifest: report.active_manifest ?? null,
    failure: failures.map(f => f.code),
    report,
  }));
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(2);
}
