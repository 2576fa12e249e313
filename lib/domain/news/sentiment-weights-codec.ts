// The shipped sentiment model's storage format: feature names one per line, and their weights as
// thousandths in little-endian int16 (three per feature: negative, positive, neutral), base64. The trainer
// rounds every weight to thousandths, so this is exact: n / 1000 is the same double as the literal it was.

export type FeatureWeights = readonly [number, number, number];

/** The two strings of the format: `features` one name per line, `weights` base64 of 3 int16 per feature. */
export interface EncodedWeights {
  features: string;
  weights: string;
}

const SCALE = 1000;
const BYTES_PER_FEATURE = 6;

/** Encodes weights given in thousandths (as the trainer rounds them); throws on a name or value it cannot hold. */
export function encodeWeights(entries: readonly (readonly [string, FeatureWeights])[]): EncodedWeights {
  const bytes = new Uint8Array(entries.length * BYTES_PER_FEATURE);
  const view = new DataView(bytes.buffer);
  entries.forEach(([name, ws], i) => {
    if (name.includes('\n')) throw new Error(`sentiment weights: feature name ${JSON.stringify(name)} contains a line break`);
    ws.forEach((w, k) => {
      const q = Math.round(w * SCALE);
      if (q / SCALE !== w || q < -32768 || q > 32767) throw new Error(`sentiment weights: ${name}[${k}] = ${w} is not a multiple of 0.001 within ±32.767`);
      view.setInt16(i * BYTES_PER_FEATURE + k * 2, q, true);
    });
  });
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { features: entries.map(([name]) => name).join('\n'), weights: btoa(binary) };
}

/** Decodes the format into weights by feature name, in the order stored (one fresh array per feature). */
export function decodeWeights(encoded: EncodedWeights): Record<string, FeatureWeights> {
  const names = encoded.features === '' ? [] : encoded.features.split('\n');
  const binary = atob(encoded.weights);
  if (binary.length !== names.length * BYTES_PER_FEATURE) {
    throw new Error(`sentiment weights: ${names.length} features need ${names.length * BYTES_PER_FEATURE} bytes of weights, found ${binary.length}`);
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  const out: Record<string, FeatureWeights> = {};
  names.forEach((name, i) => {
    const at = i * BYTES_PER_FEATURE;
    out[name] = [view.getInt16(at, true) / SCALE, view.getInt16(at + 2, true) / SCALE, view.getInt16(at + 4, true) / SCALE];
  });
  return out;
}
