// node sign-detached.mjs <in> <out-asset> <out-store> <mime> <chain.pem> <key.pem> <alg> [remote-url]
// c2pa-rs's builder signs <in> without embedding the store (no_embed): <out-asset> receives the asset (with an XMP
// reference to <remote-url> when given), <out-store> the manifest store, as a sidecar or for serving at that URL.
import { readFileSync, writeFileSync } from 'node:fs';
import { WasmBuilder, blobOf, defaultDefinition } from './c2pa.mjs';
import { signerDefinition } from './cose.mjs';

const [input, outAsset, outStore, mime, chainPath, keyPath, alg, remoteUrl] = process.argv.slice(2);
if (!input || !outAsset || !outStore || !mime || !chainPath || !keyPath || !alg) {
  console.error('usage: node sign-detached.mjs <in> <out-asset> <out-store> <mime> <chain.pem> <key.pem> <alg> [remote-url]');
  process.exit(64);
}

const definition = defaultDefinition('signed by c2pa-rs, store kept apart');

try {
  const builder = WasmBuilder.fromJson(JSON.stringify(definition));
  builder.setNoEmbed(true);
  if (remoteUrl) builder.setRemoteUrl(remoteUrl);
  const signer = signerDefinition(alg, readFileSync(chainPath, 'utf8'), readFileSync(keyPath, 'utf8'));
  const result = await builder.signAndGetManifestBytes(signer, [], mime, blobOf(new Uint8Array(readFileSync(input))));
  const asset = result.asset;
  const store = result.manifest;
  if (!asset || !store) throw new Error(`unexpected result shape: ${Object.keys(result ?? {}).join(', ')}`);
  writeFileSync(outAsset, asset);
  writeFileSync(outStore, store);
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(2);
}
