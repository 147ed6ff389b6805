// node verify.mjs <file> <mime> [anchors.pem|-] [identity-anchors.pem]
// Prints one JSON object: c2pa-rs's validation state, manifest count, active-manifest failure codes, and its full report.
import { readFileSync } from 'node:fs';
import { WasmReader, contextJson, printReport, run } from './c2pa.mjs';

const [file, mime, anchorsPath, identityAnchorsPath] = process.argv.slice(2);
if (!file || !mime) {
  console.error('usage: node verify.mjs <file> <mime> [anchors.pem|-] [identity-anchors.pem]');
  process.exit(64);
}

await run(async () => {
  const anchors = anchorsPath && anchorsPath !== '-' ? readFileSync(anchorsPath, 'utf8') : null;
  const identityAnchors = identityAnchorsPath ? readFileSync(identityAnchorsPath, 'utf8') : null;
  printReport(await WasmReader.fromBytes(mime, new Uint8Array(readFileSync(file)), contextJson(anchors, identityAnchors)));
});
