// node verify.mjs <file> <mime> [anchors.pem|-] [identity-anchors.pem|-] [settings.json]
// Prints one JSON object: c2pa-rs's validation state, manifest count, active-manifest failure codes, and its full report.
// settings.json, a c2pa-rs settings file ({"trust": {...}, "verify": {...}}), is laid over the harness's own settings.
import { readFileSync } from 'node:fs';
import { WasmReader, contextJson, printReport, run } from './c2pa.mjs';

const [file, mime, anchorsPath, identityAnchorsPath, settingsPath] = process.argv.slice(2);
if (!file || !mime) {
  console.error('usage: node verify.mjs <file> <mime> [anchors.pem|-] [identity-anchors.pem|-] [settings.json]');
  process.exit(64);
}

await run(async () => {
  const anchors = anchorsPath && anchorsPath !== '-' ? readFileSync(anchorsPath, 'utf8') : null;
  const identityAnchors = identityAnchorsPath && identityAnchorsPath !== '-' ? readFileSync(identityAnchorsPath, 'utf8') : null;
  const settings = settingsPath ? JSON.parse(readFileSync(settingsPath, 'utf8')) : null;
  printReport(await WasmReader.fromBytes(mime, new Uint8Array(readFileSync(file)), contextJson(anchors, identityAnchors, settings)));
});
