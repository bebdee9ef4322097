// The map page: markers coloured by event type and clustered, a timeline brush, filters, and a
// panel with the clicked event's evidence. Store values are shown through textContent only.
"use strict";

(function () {
  const { el, clear, typeClass, getJSON, eventHref, documentHref } = window.marsad;
  const body = document.body;
  const form = document.getElementById("filters");
  const panel = document.getElementById("panel");
  const count = document.getElementById("count");
  const timelineBox = document.getElementById("timeline");
  const DAY = 86400000;
  let lastTruncated = false;
  let fitted = false;
  let loadTicket = 0;

  // --- filters -> query string
  function query(options) {
    const params = new URLSearchParams();
    for (const name of ["event_type", "actor", "source", "place", "modality"]) {
      const value = form.elements.namedItem(name).value.trim();
      if (value) params.set(name, value);
    }
    if (!options || !options.noDates) {
      for (const name of ["start", "end"]) {
        const value = form.elements.namedItem(name).value;
        if (value) params.set(name, value);
      }
    }
    if (!form.elements.namedItem("rejected").checked) {
      for (const state of ["unreviewed", "accepted", "edited"]) params.append("review", state);
    }
    if (options && options.bbox) params.set("bbox", options.bbox);
    return params.toString();
  }

  // --- the filters live in the page's address (bookmark or share a view) and in the download links
  const URL_FIELDS = ["event_type", "actor", "source", "place", "modality", "start", "end"];
  function readAddress() {
    const given = new URLSearchParams(window.location.search);
    for (const name of URL_FIELDS) {
      const value = given.get(name);
      if (value !== null) form.elements.namedItem(name).value = value;
    }
    if (given.get("rejected") === "1") form.elements.namedItem("rejected").checked = true;
  }
  function writeAddress() {
    const params = new URLSearchParams();
    for (const name of URL_FIELDS) {
      const value = form.elements.namedItem(name).value.trim();
      const bound = name === "start" ? body.dataset.first : name === "end" ? body.dataset.last : "";
      if (value && value !== bound) params.set(name, value);
    }
    if (form.elements.namedItem("rejected").checked) params.set("rejected", "1");
    const search = params.toString();
    setCount();
    const reviewLink = document.getElementById("review-link");
    if (reviewLink) reviewLink.href = "/review" + (search ? "?" + search : "");
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    const filters = query();
    for (const format of ["csv", "geojson", "parquet"]) {
      const link = document.getElementById("dl-" + format);
      if (link) link.href = "/api/events?" + (filters ? filters + "&" : "") + "format=" + format;
    }
  }
  readAddress();

  // on a phone the filters stay folded behind a button (it says how many are set)
  const toggle = document.getElementById("filters-toggle");
  function setCount() {
    if (!toggle) return;
    const set = URL_FIELDS.filter((name) => {
      const value = form.elements.namedItem(name).value.trim();
      const bound = name === "start" ? body.dataset.first : name === "end" ? body.dataset.last : "";
      return value && value !== bound;
    }).length;
    toggle.textContent = "Filters" + (set ? " (" + set + ")" : "");
  }
  if (toggle) {
    toggle.addEventListener("click", () => {
      const open = form.parentElement.classList.toggle("unfolded");
      toggle.setAttribute("aria-expanded", String(open));
    });
  }

  // --- the event panel
  function field(label, value) {
    if (value === null || value === undefined || value === "") return null;
    return el("p", { className: "field" }, [el("strong", { text: label + ": " }), String(value)]);
  }

  // on a phone the panel is a sheet over the map's foot, open while it shows an event
  function openPanel() {
    panel.classList.add("open");
    const close = el("button", { type: "button", className: "close", "aria-label": "close the event", text: "×" });
    close.addEventListener("click", () => panel.classList.remove("open"));
    panel.insertBefore(close, panel.firstChild);
  }

  async function showEvent(id) {
    clear(panel);
    panel.classList.add("open");
    panel.appendChild(el("p", { className: "hint", text: "loading " + id + "…" }));
    const data = await getJSON(eventHref(id) + ".json");
    const ev = data.event;
    const doc = data.document || {};
    clear(panel);
    panel.appendChild(
      el("h2", {}, [el("span", { className: "swatch " + typeClass(ev.event_type) }), ev.sub_event_type || ev.event_type || ""])
    );
    panel.appendChild(
      el("p", { className: "meta" }, [
        el("a", { href: eventHref(ev.event_id), text: ev.event_id }),
        " · " + (ev.event_date || "no date") + " · " + (ev.modality || ""),
        " · ",
        el("span", { className: "status " + data.review_status, text: data.review_status }),
      ])
    );
    for (const node of [
      field("Actor 1", ev.actor1),
      field("Actor 2", ev.actor2),
      field("Place", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ")),
      field("Fatalities", ev.fatalities),
      field("Source", ev.source),
    ]) {
      if (node) panel.appendChild(node);
    }
    panel.appendChild(el("h3", { text: "Evidence" }));
    const list = el("ol", { className: "evidence-list" });
    for (const e of ev.evidence || []) {
      list.appendChild(el("li", {}, [el("mark", { className: "evidence", text: e.sentence || "" })]));
    }
    panel.appendChild(list);
    panel.appendChild(
      el("p", {}, [
        "From ",
        el("a", { className: "doclink", href: documentHref(doc.content_hash, ev.event_id), text: doc.title || doc.doc_id || "the document" }),
        doc.source ? " (" + doc.source + ")" : "",
      ])
    );
    if (data.fused && data.fused.claims && data.fused.claims.length > 1) {
      panel.appendChild(
        el("p", {
          className: "fused",
          text: data.fused.claims.length + " reports of this event; they disagree on: " + ((data.fused.conflicts || []).join(", ") || "nothing"),
        })
      );
    }
    panel.appendChild(el("p", {}, [el("a", { href: eventHref(ev.event_id), text: "Open the event, its claims and the review →" })]));
    openPanel();
  }

  function showError(err) {
    clear(panel);
    panel.appendChild(el("p", { className: "notice", text: String(err) }));
  }

  // --- the map (Leaflet, from static/vendor) or, without it, a list
  let map = null;
  let outlinesShown = false;
  let cluster = null;
  if (window.L && body.dataset.vendor) {
    // the first view: the countries of `serve --country` (lat,lon,zoom), else Syria; events fit it later
    const view = (body.dataset.view || "34.5,39.5,6").split(",").map(Number);
    map = L.map("map", { worldCopyJump: true, zoomControl: true, minZoom: 2, maxZoom: 18 }).setView([view[0], view[1]], view[2]);
    const tiles = body.dataset.tiles;
    if (tiles) {
      const layer = L.tileLayer(tiles, { maxZoom: 18, attribution: body.dataset.attribution || "" }).addTo(map);
      // no tile server reachable (a closed network): fall back on the outlines, once
      layer.once("tileerror", () => {
        map.removeLayer(layer);
        showOutlines();
      });
    } else {
      showOutlines();
    }
    cluster = L.markerClusterGroup({ maxClusterRadius: 40, chunkedLoading: true, spiderfyOnMaxZoom: true, showCoverageOnHover: false });
    map.addLayer(cluster);
    map.on("moveend", () => {
      if (lastTruncated) load();
    });
  }

  // Country outlines under the markers when there are no tiles: Natural Earth's 1:50m countries,
  // served by marsad (static/vendor/outlines); a plain background if they are missing.
  function showOutlines() {
    if (outlinesShown) return;
    outlinesShown = true;
    const box = document.getElementById("map");
    box.classList.add("plain");
    if (!window.topojson) return;
    fetch("/static/vendor/outlines/countries-50m.json")
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status))))
      .then((topo) => {
        const countries = topojson.feature(topo, topo.objects.countries);
        map.createPane("outlines").style.zIndex = 250;
        L.geoJSON(countries, {
          pane: "outlines",
          interactive: false,
          style: { color: "#7d8a96", weight: 1, fillColor: "#fbfaf6", fillOpacity: 1 },
        }).addTo(map);
        map.attributionControl.addAttribution("Outlines: Natural Earth");
        box.classList.add("outlined");
      })
      .catch(() => {});
  }

  function marker(feature) {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const icon = L.divIcon({
      className: "marker " + typeClass(p.event_type) + (p.review_status === "rejected" ? " rejected" : ""),
      iconSize: [14, 14],
      html: "",
    });
    const m = L.marker([lat, lon], { icon: icon, title: (p.event_date || "") + " " + (p.sub_event_type || p.event_type || "") + " · " + (p.location || ""), keyboard: true });
    m.on("click", () => showEvent(p.event_id).catch(showError));
    return m;
  }

  function listEvents(features) {
    const list = el("ul", { className: "plainlist" });
    for (const f of features.slice(0, 500)) {
      const p = f.properties;
      const link = el("a", { href: eventHref(p.event_id), text: (p.event_date || "") + " " + (p.sub_event_type || p.event_type || "") + " · " + (p.location || "") });
      link.addEventListener("click", (e) => {
        e.preventDefault();
        showEvent(p.event_id).catch(showError);
      });
      list.appendChild(el("li", {}, [el("span", { className: "swatch " + typeClass(p.event_type) }), link]));
    }
    const box = document.getElementById("map");
    clear(box);
    box.appendChild(list);
  }

  async function load() {
    const ticket = ++loadTicket;
    writeAddress();
    let bbox = null;
    if (map && fitted && lastTruncated) {
      const b = map.getBounds().pad(0.25);
      bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(4)).join(",");
    }
    const data = await getJSON("/api/events.geojson?" + query({ bbox: bbox }));
    if (ticket !== loadTicket) return;
    lastTruncated = Boolean(data.truncated);
    const features = data.features;
    count.textContent = features.length + (data.truncated ? "+" : "") + " events on the map";
    if (!map) return listEvents(features);
    cluster.clearLayers();
    cluster.addLayers(features.map(marker));
    if (!fitted && features.length) {
      fitted = true;
      map.fitBounds(cluster.getBounds(), { padding: [30, 30], maxZoom: 9 });
    }
    document.getElementById("map").dataset.loaded = String(features.length);
  }

  // --- the timeline brush: events per day under the other filters; drag to choose the dates
  const SVG = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  }

  async function drawTimeline() {
    const first = body.dataset.first;
    const last = body.dataset.last;
    if (!first || !last) return;
    const data = await getJSON("/api/timeline.json?" + query({ noDates: true }));
    const t0 = Date.parse(first + "T00:00:00Z");
    const t1 = Date.parse(last + "T00:00:00Z") + DAY;
    const width = Math.max(200, timelineBox.clientWidth || 600);
    const height = 64;
    const buckets = Math.max(1, Math.min(160, Math.round((t1 - t0) / DAY)));
    const step = (t1 - t0) / buckets;
    const counts = new Array(buckets).fill(0);
    for (const [day, n] of data.days) {
      const i = Math.floor((Date.parse(day + "T00:00:00Z") - t0) / step);
      if (i >= 0 && i < buckets) counts[i] += n;
    }
    const top = Math.max(1, ...counts);
    clear(timelineBox);
    const svg = svgEl("svg", { width: width, height: height + 16, role: "img", "aria-label": "events per day" });
    const barW = width / buckets;
    counts.forEach((n, i) => {
      const h = (n / top) * height;
      svg.appendChild(svgEl("rect", { x: i * barW, y: height - h, width: Math.max(1, barW - 1), height: h, class: "bar" }));
    });
    const label = (x, text, anchor) => {
      const t = svgEl("text", { x: x, y: height + 12, "text-anchor": anchor, class: "axis" });
      t.textContent = text;
      svg.appendChild(t);
    };
    label(0, first, "start");
    label(width, last, "end");
    const selection = svgEl("rect", { x: 0, y: 0, width: 0, height: height, class: "brush" });
    svg.appendChild(selection);
    const toDay = (x) => new Date(t0 + (Math.max(0, Math.min(width, x)) / width) * (t1 - t0)).toISOString().slice(0, 10);
    const toX = (day) => ((Date.parse(day + "T00:00:00Z") - t0) / (t1 - t0)) * width;
    const start = form.elements.namedItem("start").value;
    const end = form.elements.namedItem("end").value;
    if (start && end && (start !== first || end !== last)) {
      selection.setAttribute("x", toX(start));
      selection.setAttribute("width", Math.max(1, toX(end) + DAY / (t1 - t0) * width - toX(start)));
    }
    let anchor = null;
    const xOf = (e) => e.clientX - svg.getBoundingClientRect().left;
    svg.addEventListener("pointerdown", (e) => {
      anchor = xOf(e);
      svg.setPointerCapture(e.pointerId);
      selection.setAttribute("x", anchor);
      selection.setAttribute("width", 0);
    });
    svg.addEventListener("pointermove", (e) => {
      if (anchor === null) return;
      const x = xOf(e);
      selection.setAttribute("x", Math.min(anchor, x));
      selection.setAttribute("width", Math.abs(x - anchor));
    });
    svg.addEventListener("pointerup", (e) => {
      if (anchor === null) return;
      const x = xOf(e);
      const a = Math.min(anchor, x);
      const b = Math.max(anchor, x);
      anchor = null;
      if (b - a < 3) {
        form.elements.namedItem("start").value = first;
        form.elements.namedItem("end").value = last;
        selection.setAttribute("width", 0);
      } else {
        form.elements.namedItem("start").value = toDay(a);
        form.elements.namedItem("end").value = toDay(b);
      }
      load().catch(showError);
      drawCharts().catch(showError);
    });
    timelineBox.appendChild(svg);
  }

  // --- charts of /api/stats under the same filters, drawn by the server; a click on a bar filters by it
  const charts = document.getElementById("charts");
  async function drawCharts() {
    if (!charts) return;
    const filters = query();
    for (const box of charts.querySelectorAll("[data-chart]")) {
      const response = await fetch("/api/charts/" + box.dataset.chart + ".svg?" + filters);
      if (!response.ok) throw new Error("chart " + box.dataset.chart + ": " + response.status);
      const svg = new DOMParser().parseFromString(await response.text(), "image/svg+xml").documentElement;
      clear(box);
      box.appendChild(document.importNode(svg, true));
    }
    charts.dataset.drawn = String(Number(charts.dataset.drawn || 0) + 1);
  }
  if (charts) {
    charts.addEventListener("click", (e) => {
      const bar = e.target.closest("[data-name]");
      if (!bar || !bar.dataset.value) return;
      form.elements.namedItem(bar.dataset.name).value = bar.dataset.value;
      refresh(true);
    });
  }

  // --- wiring
  let timer = null;
  function refresh(withTimeline) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      load().catch(showError);
      drawCharts().catch(showError);
      if (withTimeline) drawTimeline().catch(showError);
    }, 250);
  }
  form.addEventListener("input", (e) => refresh(!["start", "end"].includes(e.target.name)));
  form.addEventListener("change", (e) => refresh(!["start", "end"].includes(e.target.name)));
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(() => {
      form.elements.namedItem("start").value = body.dataset.first || "";
      form.elements.namedItem("end").value = body.dataset.last || "";
      refresh(true);
    }, 0);
  });
  load().catch(showError);
  drawTimeline().catch(showError);
  drawCharts().catch(showError);
})();
