// marsad's small helpers for every page. Data from the store is only ever set as text
// (textContent, attributes through setAttribute), never parsed as HTML.
"use strict";

window.marsad = (function () {
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name === "className") node.className = String(value);
      else node.setAttribute(name, String(value));
    }
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function typeClass(type) {
    const slug = String(type || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return "type-" + (slug || "none");
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  }

  function eventHref(id) {
    return "/events/" + encodeURIComponent(id);
  }

  function documentHref(id, eventId) {
    return "/documents/" + encodeURIComponent(id) + (eventId ? "?event=" + encodeURIComponent(eventId) : "");
  }

  return { el, clear, typeClass, getJSON, eventHref, documentHref };
})();
