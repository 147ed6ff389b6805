// node verify-fragment.mjs <init> <segment> <mime> [anchors.pem]
// c2pa-rs's verdict on one media segment verified with its init segment (WasmReader.fromBlobFragment).
import { readFileSync } from 'node:fs';
import { WasmReader, blobOf, contextJson } from './c2pa.mjs';

const [init, segment, mime, anchorsPath] = process.argv.slice(2);
if (!init || !segment || !mime) {
  console.error('usage: node verify-fragment.mjs <init> <segment> <mime> [anchors.pem]');
  process.exit(64);
}

try {
  const anchors = anchorsPath ? readFileSync(anchorsPath, 'utf8') : null;
  const reader = await WasmReader.fromBlobFragment(mime, blobOf(new Uint8Array(readFileSync(init))), blobOf(new Uint8Array(readFileSync(segment))), contextJson(anchors));
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
