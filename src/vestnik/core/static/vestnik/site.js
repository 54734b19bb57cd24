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
