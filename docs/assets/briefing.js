/* The briefing's small behaviours, all progressive (the site reads the same without them):
   - highlight the passage a citation points at (#s-START-END) on the source page;
   - keep a citation's tooltip inside the window, and let Escape dismiss it (WCAG 1.4.13);
   - name Material's search dialog for assistive technology.
   Works with Material's instant navigation (document$) and without it. */
(function () {
  "use strict";
  function highlight() {
    var m = /^#s-(\d+)-(\d+)$/.exec(window.location.hash);
    var marks = document.querySelectorAll("mark.bf-active");
    for (var i = 0; i < marks.length; i++) marks[i].classList.remove("bf-active");
    if (!m) return;
    var start = parseInt(m[1], 10), end = parseInt(m[2], 10), first = null;
    var segs = document.querySelectorAll(".bf-source mark[data-start]");
    for (var j = 0; j < segs.length; j++) {
      var a = parseInt(segs[j].getAttribute("data-start"), 10);
      var z = parseInt(segs[j].getAttribute("data-end"), 10);
      if (a >= start && z <= end) {
        segs[j].classList.add("bf-active");
        if (!first) first = segs[j];
      }
    }
    if (!first) return;
    // Centre the passage, so that the words before it show too; again once the browser (or
    // Material's instant navigation) has done its own jump to the #s- anchor, which would
    // otherwise leave the passage tight under the header.
    first.scrollIntoView({ block: "center" });
    window.setTimeout(function () {
      if (window.location.hash === "#s-" + start + "-" + end) first.scrollIntoView({ block: "center" });
    }, 60);
  }

  // Tooltips are shown by CSS (:hover, :focus-within); this only moves an open one so that it
  // stays inside the window, and above its marker when there is no room below.
  var MARGIN = 8;
  function citeOf(node) {
    return node && node.closest ? node.closest(".bf-cite") : null;
  }
  function place(cite) {
    var tip = cite.querySelector(".bf-tip");
    if (!tip) return;
    tip.style.left = "";
    tip.classList.remove("bf-tip--above");
    var r = tip.getBoundingClientRect();
    if (!r.width) return; // not shown
    var vw = document.documentElement.clientWidth, vh = window.innerHeight, shift = 0;
    if (r.right > vw - MARGIN) shift = vw - MARGIN - r.right;
    if (r.left + shift < MARGIN) shift = MARGIN - r.left;
    if (shift) tip.style.left = shift + "px";
    var anchor = cite.getBoundingClientRect();
    if (r.bottom > vh - MARGIN && anchor.top - r.height - MARGIN > 0) tip.classList.add("bf-tip--above");
  }
  function onEnter(e) {
    var cite = citeOf(e.target);
    if (cite && !cite.contains(e.relatedTarget)) {
      cite.classList.remove("bf-cite--dismissed");
      place(cite);
    }
  }
  document.addEventListener("mouseover", onEnter);
  document.addEventListener("focusin", onEnter);
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var open = document.querySelectorAll(".bf-cite:hover, .bf-cite:focus-within");
    for (var i = 0; i < open.length; i++) open[i].classList.add("bf-cite--dismissed");
  });

  // Material's search overlay is a role=dialog without a name (axe aria-dialog-name): name it.
  function labelSearch() {
    var dialogs = document.querySelectorAll('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
    for (var i = 0; i < dialogs.length; i++) dialogs[i].setAttribute("aria-label", "Search");
  }

  function onPage() {
    labelSearch();
    highlight();
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
  window.addEventListener("hashchange", highlight);
})();
