// node sign.mjs <in> <out> <mime> <chain.pem> <key.pem> <alg> [manifest.json]
// c2pa-rs's builder signs <in> into <out> with a manifest (a c2pa.created action by default), using our test keys.
import { readFileSync, writeFileSync } from 'node:fs';
import { WasmBuilder, blobOf, defaultDefinition } from './c2pa.mjs';
import { signerDefinition } from './cose.mjs';

const [input, output, mime, chainPath, keyPath, alg, manifestPath] = process.argv.slice(2);
if (!input || !output || !mime || !chainPath || !keyPath || !alg) {
  console.error('usage: node sign.mjs <in> <out> <mime> <chain.pem> <key.pem> <alg> [manifest.json]');
  process.exit(64);
}

const definition = manifestPath ? JSON.parse(readFileSync(manifestPath, 'utf8')) : defaultDefinition('signed by c2pa-rs');

try {
  const builder = WasmBuilder.fromJson(JSON.stringify(definition));
  const signer = signerDefinition(alg, readFileSync(chainPath, 'utf8'), readFileSync(keyPath, 'utf8'));
  const signed = await builder.sign(signer, null, mime, blobOf(new Uint8Array(readFileSync(input))));
  writeFileSync(output, signed);
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(2);
}
