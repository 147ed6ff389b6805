// node verify-fragment.mjs <init> <segment> <mime> [anchors.pem]
// c2pa-rs's verdict on one media segment verified with its init segment (WasmReader.fromBlobFragment).
import { readFileSync } from 'node:fs';
import { WasmReader, blobOf, contextJson, printReport, run } from './c2pa.mjs';

const [init, segment, mime, anchorsPath] = process.argv.slice(2);
if (!init || !segment || !mime) {
  console.error('usage: node verify-fragment.mjs <init> <segment> <mime> [anchors.pem]');
  process.exit(64);
}

await run(async () => {
  const anchors = anchorsPath ? readFileSync(anchorsPath, 'utf8') : null;
  printReport(await WasmReader.fromBlobFragment(mime, blobOf(new Uint8Array(readFileSync(init))), blobOf(new Uint8Array(readFileSync(segment))), contextJson(anchors)));
});
