// Click-to-load video embeds: nothing is requested from the video host until a click.
document.addEventListener("click", function (event) {
  var link = event.target.closest(".embed-link");
  if (!link) return;
  var figure = link.closest(".embed");
  if (!figure || !figure.dataset.player) return;
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.src = figure.dataset.player;
  frame.title = figure.dataset.provider || "video";
  frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
  frame.allowFullscreen = true;
  figure.querySelector(".embed-placeholder").replaceWith(frame);
});

// Comments: the article page is cached for everyone, so the form's token and CSRF value
// come from an uncached endpoint when the reader opens the form; it then posts in place.
(function () {
  function openForm(form, replyTo, replyName) {
    return fetch(form.dataset.tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.token) throw new Error(data.error || "token");
        form.elements.token.value = data.token;
        form.dataset.csrf = data.csrf;
        form.elements.parent.value = replyTo || "";
        var note = form.querySelector(".comment-reply-note");
        note.hidden = !replyTo;
        note.textContent = replyTo ? form.dataset.replyLabel + " " + replyName : "";
        form.hidden = false;
        form.elements.name.focus();
      });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".comment-write, .comment-reply");
    if (!link) return;
    var section = link.closest(".comments");
    var form = section && section.querySelector("form.comment-form[data-token-url]");
    if (!form || !window.fetch) return;
    event.preventDefault();
    var item = link.closest(".comment");
    var name = item ? item.querySelector(".comment-author").textContent : "";
    openForm(form, link.dataset.replyTo, name).catch(function () { window.location = link.href; });
  });
  // Errors sit next to their fields, as on the form page: described by, and marked invalid.
  function showFieldErrors(form, fields) {
    form.querySelectorAll(".field-error").forEach(function (el) { el.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
    Object.keys(fields || {}).forEach(function (name) {
      var input = form.elements[name];
      if (!input || !input.id || input.type === "hidden") return;
      var error = document.createElement("span");
      error.className = "field-error";
      error.id = input.id + "_error";
      error.textContent = fields[name].join(" ");
      input.insertAdjacentElement("afterend", error);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", error.id);
    });
    var invalid = form.querySelector("[aria-invalid]");
    if (invalid) invalid.focus();
  }
  // An approved comment joins the thread at once: under its parent, or at the end.
  function insertComment(form, html) {
    var section = form.closest(".comments");
    var parentId = form.elements.parent.value;
    var host = parentId ? document.getElementById("comment-" + parentId) : null;
    var list = host ? host.querySelector(":scope > .comment-replies") : section.querySelector(".comment-list");
    if (!list) {
      list = document.createElement("ol");
      list.className = host ? "comment-replies" : "comment-list";
      if (host) host.appendChild(list);
      else section.insertBefore(list, section.querySelector(".comment-write").parentNode);
    }
    list.insertAdjacentHTML("beforeend", html);
    var empty = section.querySelector(".comments-empty");
    if (empty) empty.remove();
    var count = section.querySelector(".comment-count");
    var shown = count && count.textContent.match(/\d+/);
    if (shown) count.textContent = count.textContent.replace(/\d+/, String(Number(shown[0]) + 1));
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form.comment-form[data-token-url]")) return;
    event.preventDefault();
    var status = form.querySelector(".comment-status");
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.action, {
      // URL-encoded, not multipart: cheaper for the server to read on the busiest write.
      method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": form.dataset.csrf || "" }
    }).then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
      .then(function (result) {
        status.textContent = result.data.message || result.data.error || "";
        showFieldErrors(form, result.ok ? {} : result.data.fields);
        if (!result.ok) return;
        if (result.data.html) insertComment(form, result.data.html);
        form.elements.body.value = "";
        return openForm(form, "", "");
      })
      .catch(function () { status.textContent = form.dataset.failed || "…"; })  // offline, or not JSON (a 503)
      .finally(function () { button.disabled = false; });
  });
})();

// Most read: cached pages never reach the server, so the page reports its own reading
// to the first-party beacon (no cookie, nothing third-party). Without script, or while
// the page is only being prerendered, nothing is counted.
(function () {
  var marker = document.querySelector("[data-view-beacon]");
  if (!marker || !navigator.sendBeacon || !window.URLSearchParams) return;
  function send() {
    navigator.sendBeacon(marker.dataset.viewBeacon, new URLSearchParams({ article: marker.dataset.article }));
  }
  if (document.prerendering) document.addEventListener("prerenderingchange", send, { once: true });
  else send();
})();
