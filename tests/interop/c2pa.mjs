// Loads c2pa-rs (the WebAssembly build of the reference implementation) for Node.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '@contentauth', 'c2pa-wasm', 'pkg');

// The builder reads Blobs through the browser's FileReaderSync; Node has none, so give it a synchronous stand-in.
if (typeof globalThis.FileReaderSync === 'undefined') {
  globalThis.FileReaderSync = class {
    readAsArrayBuffer(blob) {
      if (!blob.__bytes) throw new Error('FileReaderSync stand-in: blob bytes unavailable');
      return blob.__bytes.buffer.slice(blob.__bytes.byteOffset, blob.__bytes.byteOffset + blob.__bytes.byteLength);
    }
  };
}

const c2pa = await import(join(pkgDir, 'c2pa.js'));
c2pa.initSync({ module: readFileSync(join(pkgDir, 'c2pa_bg.wasm')) });

/**
 * A Blob whose bytes the FileReaderSync stand-in can read synchronously. Its slices are such Blobs too: c2pa-rs reads a
 * large asset a slice at a time.
 */
export function blobOf(bytes, type) {
  const blob = new Blob([bytes], type === undefined ? undefined : { type });
  blob.__bytes = bytes;
  blob.slice = (start, end, sliceType) => blobOf(bytes.subarray(start ?? 0, end ?? bytes.length), sliceType);
  return blob;
}

export const { WasmReader, WasmBuilder } = c2pa;

/** The manifest c2pa-rs signs with when a test gives none: a c2pa.created action of a digital capture. */
export function defaultDefinition(title) {
  return {
    title,
    claim_generator_info: [{ name: 'provenance-interop', version: '1.0' }],
    assertions: [{
      label: 'c2pa.actions.v2',
      data: { actions: [{ action: 'c2pa.created', digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture' }] },
    }],
  };
}

/**
 * Reader/builder settings: verify trust against the given PEM anchors (c2pa-rs settings JSON). Identity anchors, for
 * the X.509 credentials of CAWG identity assertions, go in a trust list of kind "cawg" (c2pa-rs 0.91's
 * `trust.anchors[].trust_kind`; the newer `cawg_trust` section is not read by this build). Without them c2pa-rs still
 * checks identity credentials, against no anchors.
 */
export function contextJson(anchorsPem, identityAnchorsPem, overlay) {
  // No remote manifest is ever fetched: tests stay on this machine, and a remote-only file is reported as such.
  const settings = { verify: { verify_trust: Boolean(anchorsPem), remote_manifest_fetch: false } };
  if (anchorsPem) settings.trust = { trust_anchors: anchorsPem };
  if (identityAnchorsPem) {
    settings.trust ??= {};
    settings.trust.anchors = [{ trust_anchors: identityAnchorsPem, trust_uri: 'identity_anchors', trust_kind: 'cawg' }];
  }

  // A settings file's sections (trust: allowed_list, trust_config, user_anchors, ...) override the harness's keys one
  // by one; a file that names trust settings turns the trust check on, as c2pa-rs's default does.
  for (const [section, values] of Object.entries(overlay ?? {})) {
    settings[section] = { ...(settings[section] ?? {}), ...values };
  }
  if (overlay?.trust && overlay?.verify?.verify_trust === undefined) settings.verify.verify_trust = true;

  // This build (c2pa-rs 0.91.3) reads an allowed list only inside a typed trust list (trust.anchors[]), and ignores the
  // top-level trust.allowed_list of c2pa-rs's current settings (sdk/src/settings/mod.rs), which settings files carry.
  if (settings.trust?.allowed_list) {
    const { allowed_list, ...rest } = settings.trust;
    settings.trust = { ...rest, anchors: [...(rest.anchors ?? []), { trust_anchors: '', trust_uri: 'allowed_list', trust_kind: 'manifest', allowed_list }] };
  }
  return JSON.stringify(settings);
}

/** Prints c2pa-rs's report as one JSON line: state, manifest count, active-manifest failure codes, and the whole report. */
export function printReport(reader) {
  const report = JSON.parse(reader.json());
  const failures = report.validation_results?.activeManifest?.failure ?? [];
  console.log(JSON.stringify({
    validation_state: report.validation_state ?? null,
    manifest_count: Object.keys(report.manifests ?? {}).length,
    active_manifest: report.active_manifest ?? null,
    failure: failures.map(f => f.code),
    report,
  }));
}

/** Runs a command-line script's main part, printing an error and exiting with 2 when c2pa-rs throws. */
export async function run(main) {
  try {
    await main();
  } catch (error) {
    console.error(String(error?.message ?? error));
    process.exit(2);
  }
}
