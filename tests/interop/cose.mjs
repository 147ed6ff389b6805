// A minimal CBOR encoder and COSE_Sign1 builder for the interop harness, so that c2pa-rs's own builder can sign
// with keys our tests generate (its signer callback receives the claim bytes and returns a whole COSE_Sign1).
import { createPrivateKey, sign as nodeSign, constants, X509Certificate } from 'node:crypto';

function head(major, value) {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) { const b = Buffer.alloc(3); b[0] = (major << 5) | 25; b.writeUInt16BE(value, 1); return b; }
  const b = Buffer.alloc(5); b[0] = (major << 5) | 26; b.writeUInt32BE(value, 1); return b;
}

/** Encodes numbers, strings, Buffers/Uint8Arrays, arrays, Maps, null and {tag, value} objects. */
export function encode(value) {
  if (value === null) return Buffer.from([0xf6]);
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') { const s = Buffer.from(value, 'utf8'); return Buffer.concat([head(3, s.length), s]); }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(encode)]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [encode(k), encode(v)])]);
  if (value && typeof value === 'object' && 'tag' in value) return Buffer.concat([head(6, value.tag), encode(value.value)]);
  throw new Error('cannot encode ' + typeof value);
}

const algorithms = {
  es256: { id: -7, hash: 'sha256' }, es384: { id: -35, hash: 'sha384' }, es512: { id: -36, hash: 'sha512' },
  ps256: { id: -37, hash: 'sha256', salt: 32 }, ps384: { id: -38, hash: 'sha384', salt: 48 }, ps512: { id: -39, hash: 'sha512', salt: 64 },
  // EdDSA (RFC 9053 §2.2): Node signs the message itself, with no separate hash.
  ed25519: { id: -8, hash: null },
};

/** DER certificates of a PEM chain, in order. */
export function certificatesOf(pem) {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map(m => new X509Certificate(m[0]).raw);
}

/** A signer definition for c2pa-rs's builder: signs the claim and returns a COSE_Sign1_Tagged of exactly reserveSize bytes. */
export function signerDefinition(alg, chainPem, keyPem, reserveSize = 20000) {
  const info = algorithms[alg];
  if (!info) throw new Error('unsupported algorithm ' + alg);
  const key = createPrivateKey(keyPem);
  const certs = certificatesOf(chainPem);
  const protectedHeader = encode(new Map([[1, info.id], [33, certs.length === 1 ? certs[0] : certs]]));
  return {
    alg,
    reserveSize,
    sign: async (claim) => {
      const toBeSigned = encode(['Signature1', protectedHeader, new Uint8Array(0), new Uint8Array(claim)]);
      const options = info.salt
        ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: info.salt }
        : info.hash ? { key, dsaEncoding: 'ieee-p1363' } : key;
      const signature = nodeSign(info.hash, toBeSigned, options);
      const message = (pad, pad2) => {
        const unprotected = new Map([['pad', new Uint8Array(pad)]]);
        if (pad2 >= 0) unprotected.set('pad2', new Uint8Array(pad2));
        return encode({ tag: 18, value: [protectedHeader, unprotected, null, signature] });
      };
      for (let pad2 = -1; pad2 < 8; pad2++) {
        const base = message(0, pad2).length;
        for (let pad = Math.max(0, reserveSize - base - 8); pad <= reserveSize - base; pad++) {
          const bytes = message(pad, pad2);
          if (bytes.length === reserveSize) return new Uint8Array(bytes);
        }
      }
      throw new Error(`signature does not fit in ${reserveSize} bytes`);
    },
  };
}
