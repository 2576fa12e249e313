/**
 * `.env` read the way DigitalOcean's deployer reads it (functions-deployer 5.0.x bundles dotenv 16.0.3):
 * one `KEY=value` (or `KEY: value`) a line; single, double or back quotes may span lines; only double
 * quotes expand `\n` and `\r`; an unquoted value ends at the first `#` (anywhere, not only after a space)
 * and is trimmed; `export ` is ignored; a later line wins. Lines that match nothing are skipped silently.
 */
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

export function parseDotenvLikeDeployer(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const src = text.replace(/\r\n?/g, '\n');
  for (const m of src.matchAll(LINE)) {
    let value = (m[2] ?? '').trim();
    const quote = value[0];
    value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
    if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    out[m[1]!] = value;
  }
  return out;
}
