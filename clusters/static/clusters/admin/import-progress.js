// Follows a background import job: polls its progress JSON and reloads the page when
// the job ends, so the server renders the report. Messages come translated from the server.
(function () {
  "use strict";
  const box = document.getElementById("import-progress");
  if (!box || !box.dataset.progressUrl) {
    return;
  }
  const bar = box.querySelector("progress");
  const text = box.querySelector(".import-progress-message");
  let delay = 1000;

  async function poll() {
    try {
      const response = await fetch(box.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (response.ok) {
        const data = await response.json();
        if (text && typeof data.message === "string") {
          text.textContent = data.message;
        }
        // value/max follow the check, then the writing (the server says which).
        if (bar && data.max > 0) {
          bar.max = data.max;
          bar.value = data.value;
          bar.textContent = data.value + " / " + data.max;
        }
        if (data.finished) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // A dropped connection or a restarting server: try again on the next tick.
    }
    // Quick at first, then gentler on a long job.
    delay = Math.min(delay * 1.5, 5000);
    window.setTimeout(poll, delay);
  }

  window.setTimeout(poll, delay);
})();
