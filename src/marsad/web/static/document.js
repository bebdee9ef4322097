// The document page: bring the chosen event's evidence into view.
"use strict";

(function () {
  const current = document.querySelector("mark.evidence.current");
  if (current) current.scrollIntoView({ block: "center" });
})();
