/** One metric for the Prometheus text exposition format. */
export interface Metric {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  value: number | null;
  labels?: Record<string, string>;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

/** Renders metrics in Prometheus text format (version 0.0.4); metrics without a value are left out. */
export function renderPrometheus(metrics: readonly Metric[]): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const m of metrics) {
    if (m.value === null || !Number.isFinite(m.value)) continue;
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(m.name)) throw new Error(`invalid metric name ${m.name}`);
    if (!seen.has(m.name)) {
      lines.push(`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`);
      seen.add(m.name);
    }
    const labels = m.labels && Object.keys(m.labels).length ? `{${Object.entries(m.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
    lines.push(`${m.name}${labels} ${m.value}`);
  }
  return lines.join('\n') + '\n';
}
