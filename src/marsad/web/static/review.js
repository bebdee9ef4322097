// The review form: accept, edit or reject an event. The token goes in a header, never in the page.
"use strict";

(function () {
  const form = document.getElementById("review");
  if (!form) return;
  const status = document.getElementById("review-status");
  const eventId = form.dataset.event;
  const fields = Array.from(form.querySelectorAll("fieldset.fields [name]"));
  const initial = new Map(fields.map((f) => [f.name, f.value]));
  const reviewer = form.elements.namedItem("reviewer");
  const token = form.elements.namedItem("token");
  reviewer.value = localStorage.getItem("marsad.reviewer") || "";
  token.value = sessionStorage.getItem("marsad.token") || "";

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const action = (event.submitter && event.submitter.value) || "accept";
    const changes = {};
    for (const f of fields) {
      if (f.value !== initial.get(f.name)) changes[f.name] = f.value;
    }
    localStorage.setItem("marsad.reviewer", reviewer.value);
    sessionStorage.setItem("marsad.token", token.value);
    status.textContent = "saving…";
    try {
      const response = await fetch("/api/events/" + encodeURIComponent(eventId) + "/review", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + token.value },
        body: JSON.stringify({
          action: action,
          reviewer: reviewer.value,
          reason: form.elements.namedItem("reason").value,
          changes: changes,
        }),
      });
      const answer = await response.json();
      if (!response.ok) {
        status.textContent = "refused (" + response.status + "): " + (answer.error || "");
        return;
      }
      status.textContent = "saved revision " + answer.revision;
      window.location.reload();
    } catch (err) {
      status.textContent = "failed: " + err;
    }
  });
})();
