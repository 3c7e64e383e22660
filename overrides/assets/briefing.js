/* The briefing's small behaviours, all progressive (the site reads the same without them):
   - highlight the passage a citation points at (#s-START-END) on the source page, with one
     outline, and keep Material's "Back to top" button off the text after the jump;
   - keep a citation's tooltip inside the window, let Escape dismiss it (WCAG 1.4.13), and on a
     touch screen open it on the first tap (the second tap, or its link, opens the source);
   - open the collapsed citation notes for print, and when a link points into them;
   - name Material's search dialog for assistive technology.
   Works with Material's instant navigation (document$) and without it. */
(function () {
  "use strict";
  var root = document.documentElement;

  function unhighlight() {
    var ranges = document.querySelectorAll(".bf-active-range");
    for (var i = 0; i < ranges.length; i++) {
      var r = ranges[i];
      while (r.firstChild) r.parentNode.insertBefore(r.firstChild, r);
      r.parentNode.removeChild(r);
    }
    var marks = document.querySelectorAll("mark.bf-active");
    for (var j = 0; j < marks.length; j++) marks[j].classList.remove("bf-active");
  }

  function highlight() {
    var m = /^#s-(\d+)-(\d+)$/.exec(window.location.hash);
    unhighlight();
    if (!m) return;
    var start = parseInt(m[1], 10), end = parseInt(m[2], 10), first = null, last = null;
    var segs = document.querySelectorAll(".bf-source mark[data-start]");
    for (var j = 0; j < segs.length; j++) {
      var a = parseInt(segs[j].getAttribute("data-start"), 10);
      var z = parseInt(segs[j].getAttribute("data-end"), 10);
      if (a >= start && z <= end) {
        segs[j].classList.add("bf-active");
        if (!first) first = segs[j];
        last = segs[j];
      }
    }
    if (!first) return;
    // One element around the passage's segments (siblings in the text), so that it gets one
    // outline (briefing.css) rather than a box per segment.
    var range = document.createElement("span");
    range.className = "bf-active-range";
    first.parentNode.insertBefore(range, first);
    for (var node = first; node; ) {
      var next = node.nextSibling;
      range.appendChild(node);
      if (node === last) break;
      node = next;
    }
    // Centre the passage, so that the words before it show too; again once the browser (or
    // Material's instant navigation) has done its own jump to the #s- anchor, which would
    // otherwise leave the passage tight under the header. That second scroll goes up, which
    // makes Material show its "Back to top" button over the text: hidden until the reader
    // scrolls themselves.
    root.classList.add("bf-jumped");
    first.scrollIntoView({ block: "center" });
    window.setTimeout(function () {
      if (window.location.hash === "#s-" + start + "-" + end) first.scrollIntoView({ block: "center" });
    }, 60);
  }
  function readerScrolls() {
    root.classList.remove("bf-jumped");
  }
  ["wheel", "touchmove", "keydown", "mousedown"].forEach(function (type) {
    window.addEventListener(type, readerScrolls, { passive: true, capture: true });
  });

  // Tooltips are shown by CSS (:hover, :focus-within, .bf-cite--open); this only moves an open
  // one so that it stays inside the window, and above its marker when there is no room below.
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
    // The layout viewport: on a phone, innerHeight grows while the unplaced tooltip still
    // overflows the page to the right (the browser zooms out to show it).
    var vw = document.documentElement.clientWidth, vh = Math.min(window.innerHeight, document.documentElement.clientHeight), shift = 0;
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
  function closeOpen(except) {
    var open = document.querySelectorAll(".bf-cite--open");
    for (var i = 0; i < open.length; i++) if (open[i] !== except) open[i].classList.remove("bf-cite--open");
  }
  document.addEventListener("mouseover", onEnter);
  document.addEventListener("focusin", onEnter);
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var open = document.querySelectorAll(".bf-cite:hover, .bf-cite:focus-within, .bf-cite--open");
    for (var i = 0; i < open.length; i++) open[i].classList.add("bf-cite--dismissed");
    closeOpen(null);
  });

  // A touch screen has no hover: the first tap on a marker opens its tooltip instead of leaving
  // the page; a second tap on it (or the tooltip's own link) follows the link. Captured on the
  // window, before Material's instant navigation sees the click.
  var pointer = "mouse";
  window.addEventListener("pointerdown", function (e) { pointer = e.pointerType || "mouse"; }, true);
  window.addEventListener("click", function (e) {
    var cite = citeOf(e.target);
    closeOpen(cite);
    var marker = e.target && e.target.closest ? e.target.closest("a.bf-marker") : null;
    if (pointer !== "touch" || !marker || !cite || cite.classList.contains("bf-cite--open")) return;
    e.preventDefault();
    e.stopPropagation();
    cite.classList.remove("bf-cite--dismissed");
    cite.classList.add("bf-cite--open");
    place(cite);
  }, true);

  // The notes are a collapsed <details> on screen; print them all (briefing.css does this too,
  // where the browser supports ::details-content), and open them for a link to a note.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details.bf-notes:not([open])");
    for (var i = 0; i < closed.length; i++) {
      closed[i].open = true;
      reopened.push(closed[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (reopened.length) reopened.pop().open = false;
  });
  function openNote() {
    var m = /^#(bf-note-\d+|citations-on-this-page)$/.exec(window.location.hash);
    var el = m && document.getElementById(m[1]);
    var details = el && el.closest("details.bf-notes");
    if (details && !details.open) {
      details.open = true;
      el.scrollIntoView();
    }
  }

  // A key judgment's "claims it rests on" list is collapsed on screen; print it open.
  function printRests() {
    var reopened = [];
    window.addEventListener("beforeprint", function () {
      var closed = document.querySelectorAll("details.bf-rests:not([open])");
      for (var i = 0; i < closed.length; i++) {
        closed[i].open = true;
        reopened.push(closed[i]);
      }
    });
    window.addEventListener("afterprint", function () {
      while (reopened.length) reopened.pop().open = false;
    });
  }
  printRests();

  // Material's search overlay is a role=dialog without a name (axe aria-dialog-name): name it.
  function labelSearch() {
    var dialogs = document.querySelectorAll('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
    for (var i = 0; i < dialogs.length; i++) dialogs[i].setAttribute("aria-label", "Search");
  }

  function onHash() {
    highlight();
    openNote();
  }
  function onPage() {
    labelSearch();
    onHash();
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
  window.addEventListener("hashchange", onHash);
})();
