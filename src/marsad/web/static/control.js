// The control page: a date slider; each move asks /control.json?at=DAY and redraws the table.
"use strict";

(function () {
  const { el, clear, getJSON } = window.marsad;
  const body = document.body;
  const first = body.dataset.first;
  const last = body.dataset.last;
  const range = document.getElementById("at-range");
  const label = document.getElementById("at-label");
  const rows = document.getElementById("control-rows");
  if (!first || !last || !range) return;
  const DAY = 86400000;
  const t0 = Date.parse(first + "T00:00:00Z");
  const days = Math.round((Date.parse(last + "T00:00:00Z") - t0) / DAY);
  const iso = (i) => new Date(t0 + i * DAY).toISOString().slice(0, 10);
  range.max = String(days);
  const at = body.dataset.at || last;
  range.value = String(Math.round((Date.parse(at + "T00:00:00Z") - t0) / DAY));
  label.textContent = at;
  let pending = 0;

  async function redraw() {
    const day = iso(Number(range.value));
    const ticket = ++pending;
    const data = await getJSON("/control.json?at=" + encodeURIComponent(day));
    if (ticket !== pending) return;
    clear(rows);
    for (const p of data.places) {
      if (!p.controller) continue;
      rows.appendChild(
        el("tr", {}, [
          el("td", { text: p.place }),
          el("td", { text: p.controller || "" }),
          el("td", { text: p.since || "" }),
          el("td", { text: p.previous || "" }),
          el("td", { text: p.contested_at ? "contested" : "" }),
          el("td", { text: String(p.changes.length) }),
        ])
      );
    }
  }

  range.addEventListener("input", () => {
    label.textContent = iso(Number(range.value));
  });
  range.addEventListener("change", () => {
    redraw().catch((err) => {
      label.textContent = String(err);
    });
  });
})();
