// Shows the system's health until the full dashboard lands. The API base is configured at build time.
const base = (window.CATALYST_API_BASE ?? '').replace(/\/$/, '') || `${location.origin}/api/v1/web/catalyst`;

async function refresh() {
  const status = document.getElementById('status');
  const table = document.getElementById('deps');
  try {
    const res = await fetch(`${base}/reporting/health`);
    const health = await res.json();
    status.textContent = `Status: ${health.status} (mode ${health.mode})`;
    status.className = health.status === 'ok' ? 'ok' : 'bad';
    table.replaceChildren(
      ...Object.entries(health.dependencies).map(([name, d]) => {
        const row = document.createElement('tr');
        row.innerHTML = `<th></th><td></td><td></td>`;
        row.children[0].textContent = name;
        row.children[1].textContent = d.ok ? 'up' : `down (${d.error})`;
        row.children[1].className = d.ok ? 'ok' : 'bad';
        row.children[2].textContent = `${d.latencyMs} ms`;
        return row;
      }),
    );
  } catch (e) {
    status.textContent = `Cannot reach the functions at ${base}: ${e.message}`;
    status.className = 'bad';
  }
}

refresh();
setInterval(refresh, 5000);
