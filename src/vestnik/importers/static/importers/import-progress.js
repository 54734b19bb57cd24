// "Import archive": while the form's import runs in its request, ask the server how far
// it has come (the form's hidden progress token names it) and show it. Without
// JavaScript the page works the same, only without the count.
(function () {
  "use strict";
  const box = document.getElementById("import-progress");
  const form = document.getElementById("w-editor-form");
  if (!box || !form || !form.elements.progress || !form.elements.progress.value) {
    return;
  }
  const bar = box.querySelector("progress");
  const text = box.querySelector("[role=status]");
  const url = box.dataset.url.replace(/0{32}/, form.elements.progress.value);

  function show(state) {
    if (state.done === null || state.done === undefined) {
      text.textContent = box.dataset.waiting;
      return;
    }
    if (state.total) {
      bar.max = state.total;
      bar.value = Math.min(state.done, state.total);
      text.textContent = box.dataset.counted
        .replace("{done}", state.done)
        .replace("{total}", state.total);
    } else {
      text.textContent = box.dataset.counting.replace("{done}", state.done);
    }
  }

  function ask() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((answer) => (answer.ok ? answer.json() : null))
      .then((state) => state && show(state))
      .catch(() => {})
      .finally(() => window.setTimeout(ask, 1500));
  }

  form.addEventListener("submit", () => {
    box.hidden = false;
    show({ done: null });
    window.setTimeout(ask, 1000);
  });
})();
