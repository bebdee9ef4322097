// The review queue: unreviewed events, least confident first. Keys: j/k move, a accept, r reject,
// e edit (Enter saves, Esc cancels). The token is held in sessionStorage for the tab's session and
// sent in a header, never put in the page. Store values are shown through textContent only.
"use strict";

(function () {
  const { el, clear, typeClass, getJSON, eventHref, documentHref } = window.marsad;
  const list = document.getElementById("queue");
  if (!list) return;
  const current = document.getElementById("current");
  const status = document.getElementById("queue-status");
  const countBox = document.getElementById("queue-count");
  const session = document.getElementById("session");
  const editForm = document.getElementById("edit");
  const reviewer = session.elements.namedItem("reviewer");
  const tokenInput = session.elements.namedItem("token");
  const tokenBox = document.getElementById("token-box");
  const tokenHeld = document.getElementById("token-held");
  let items = [];
  let index = 0;
  let total = 0;
  let parents = {};

  reviewer.value = localStorage.getItem("marsad.reviewer") || "";
  function showToken() {
    const held = Boolean(sessionStorage.getItem("marsad.token"));
    tokenBox.hidden = held;
    tokenHeld.hidden = !held;
  }
  showToken();
  document.getElementById("forget").addEventListener("click", () => {
    sessionStorage.removeItem("marsad.token");
    tokenInput.value = "";
    showToken();
  });
  reviewer.addEventListener("change", () => localStorage.setItem("marsad.reviewer", reviewer.value.trim()));

  function say(text) {
    status.textContent = text;
  }

  function field(label, value) {
    if (value === null || value === undefined || value === "") return null;
    return el("tr", {}, [el("th", { text: label }), el("td", { text: String(value) })]);
  }

  function renderList() {
    clear(list);
    items.forEach((ev, i) => {
      const li = el("li", { "data-id": ev.event_id, className: i === index ? "selected" : "" }, [
        el("span", { className: "swatch " + typeClass(ev.event_type) }),
        (ev.event_date || "no date") + " · " + (ev.sub_event_type || ev.event_type || "") + " · " + (ev.location || "unplaced"),
        el("small", { text: " " + Number(ev.confidence || 0).toFixed(2) }),
      ]);
      if (i === index) li.setAttribute("aria-current", "true");
      li.addEventListener("click", () => select(i));
      list.appendChild(li);
    });
    countBox.textContent = String(total);
  }

  function renderCurrent() {
    clear(current);
    editForm.hidden = true;
    const ev = items[index];
    if (!ev) {
      current.appendChild(el("p", { className: "hint", text: "Nothing left to review under these filters." }));
      return;
    }
    const codes = ev.labels || {};
    current.dataset.event = ev.event_id;
    current.appendChild(el("h2", {}, [el("span", { className: "swatch " + typeClass(ev.event_type) }), ev.sub_event_type || ev.event_type || ""]));
    current.appendChild(
      el("p", { className: "meta" }, [
        el("a", { href: eventHref(ev.event_id), text: ev.event_id }),
        " · " + (ev.event_date || "no date") + " · " + (ev.modality || "") + " · confidence " + Number(ev.confidence || 0).toFixed(2),
      ])
    );
    const table = el("table", { className: "record" });
    for (const row of [
      field("event_type", ev.event_type),
      field("actor1", ev.actor1),
      field("inter1", codes.inter1),
      field("actor2", ev.actor2),
      field("inter2", codes.inter2),
      field("interaction", codes.interaction),
      field("place", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ")),
      field("geo_precision", codes.geo_precision),
      field("time_precision", codes.time_precision),
      field("fatalities", ev.fatalities),
      field("source", ev.source),
      field("notes", ev.notes),
    ]) {
      if (row) table.appendChild(row);
    }
    current.appendChild(table);
    const evidence = el("ol", { className: "evidence-list" });
    for (const e of ev.evidence || []) evidence.appendChild(el("li", {}, [el("mark", { className: "evidence", text: e.sentence || "" })]));
    current.appendChild(evidence);
    current.appendChild(el("p", {}, [el("a", { href: documentHref(ev.content_hash, ev.event_id), text: "the whole document →" })]));
  }

  function select(i) {
    if (!items.length) return;
    index = Math.max(0, Math.min(items.length - 1, i));
    renderList();
    renderCurrent();
    const node = list.children[index];
    if (node && node.scrollIntoView) node.scrollIntoView({ block: "nearest" });
  }

  async function post(action, changes, reason) {
    const ev = items[index];
    if (!ev) return;
    const name = reviewer.value.trim();
    if (!name) {
      say("give your name first");
      reviewer.focus();
      return;
    }
    localStorage.setItem("marsad.reviewer", name);
    const token = sessionStorage.getItem("marsad.token") || tokenInput.value;
    if (!token) {
      say("give the server's token first (it is held for this session)");
      tokenInput.focus();
      return;
    }
    say("saving " + action + " of " + ev.event_id + "…");
    const response = await fetch("/api/events/" + encodeURIComponent(ev.event_id) + "/review", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
      body: JSON.stringify({ action: action, reviewer: name, reason: reason || "", changes: changes || {} }),
    });
    const answer = await response.json();
    if (!response.ok) {
      if (response.status === 401 || response.status === 403) sessionStorage.removeItem("marsad.token");
      showToken();
      say("refused (" + response.status + "): " + (answer.error || ""));
      return;
    }
    sessionStorage.setItem("marsad.token", token);
    tokenInput.value = "";
    showToken();
    say(answer.status + ": " + ev.event_id + " (revision " + answer.revision + ")");
    items.splice(index, 1);
    total = Math.max(0, total - 1);
    if (!items.length) return load();
    select(Math.min(index, items.length - 1));
  }

  function openEdit() {
    const ev = items[index];
    if (!ev) return;
    for (const name of ["sub_event_type", "actor1", "actor2", "location", "event_date", "fatalities", "modality", "notes"]) {
      const control = editForm.elements.namedItem(name);
      const value = ev[name] === null || ev[name] === undefined ? "" : String(ev[name]);
      // a value the choices lack (an older store's modality) stays choosable, so it is not changed unasked
      if (control.tagName === "SELECT" && value && !Array.from(control.options).some((o) => o.value === value)) {
        control.appendChild(el("option", { value: value, text: value }));
      }
      control.value = value;
    }
    editForm.elements.namedItem("reason").value = "";
    current.appendChild(editForm);
    editForm.hidden = false;
    editForm.elements.namedItem("sub_event_type").focus();
  }

  editForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const ev = items[index];
    const changes = {};
    for (const name of ["sub_event_type", "actor1", "actor2", "location", "event_date", "fatalities", "modality", "notes"]) {
      const value = editForm.elements.namedItem(name).value;
      const was = ev[name] === null || ev[name] === undefined ? "" : String(ev[name]);
      if (value !== was) changes[name] = value;
    }
    if (changes.sub_event_type && parents[changes.sub_event_type] && parents[changes.sub_event_type] !== ev.event_type) {
      changes.event_type = parents[changes.sub_event_type];
    }
    if (!Object.keys(changes).length) {
      say("nothing changed: press a to accept as it is");
      return;
    }
    post("edit", changes, editForm.elements.namedItem("reason").value).catch((err) => say("failed: " + err));
  });
  document.getElementById("cancel-edit").addEventListener("click", renderCurrent);

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = e.target.closest && e.target.closest("input, textarea, select");
    if (typing) {
      if (e.key === "Escape" && !editForm.hidden) renderCurrent();
      else if (e.key === "Enter" && e.target.closest("#edit") && e.target.tagName !== "TEXTAREA") {
        e.preventDefault();
        editForm.requestSubmit();
      } else if (e.key === "Enter" && e.target.closest("#session")) e.preventDefault();
      return;
    }
    const action = { j: () => select(index + 1), k: () => select(index - 1), a: () => post("accept"), r: () => post("reject"), e: openEdit }[e.key];
    if (!action) return;
    e.preventDefault();
    const result = action();
    if (result && result.catch) result.catch((err) => say("failed: " + err));
  });

  async function load() {
    const data = await getJSON("/api/queue.json" + window.location.search);
    items = data.events;
    total = data.total;
    index = 0;
    renderList();
    renderCurrent();
    list.dataset.loaded = String(items.length);
  }

  getJSON("/api/vocabulary.json")
    .then((vocab) => {
      for (const [type, subs] of Object.entries(vocab.event_types)) for (const sub of subs) parents[sub] = type;
      const datalist = document.getElementById("known-actors");
      for (const name of vocab.actors) datalist.appendChild(el("option", { value: name }));
    })
    .catch((err) => say("no vocabulary: " + err));
  load().catch((err) => say("failed: " + err));
})();
