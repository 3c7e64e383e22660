/* "Cite this passage" on a Source page: selected words become the citation block that
   `python -m briefing locate` prints for them, and a link that opens a new claim file with it.

   No anchoring happens here. The page carries (data-cite, built by briefing/citetool.py)
   the source's text cut into tokens, and for each start token which lengths of quote occur more
   than once and what tells them apart (a prefix or an occurrence number), worked out at build
   time by the same rules as `locate`. This script only snaps the selection to whole tokens,
   looks those answers up and writes YAML. Progressive: the page's content holds only the empty
   place with the data (pages may hold no button, form or dialog: briefing/markup.py); this
   script makes the controls, and only once it has checked that the page's text is the data's. */
(function () {
  "use strict";
  var NO_START = 1, NO_END = 2, ELLIPSIS = 4;

  // A YAML double-quoted scalar, as briefing/newclaim.py's yaml_str writes it: JSON's escapes,
  // and every character Python does not count as printable written as \uXXXX (\UXXXXXXXX).
  function yamlStr(s) {
    var json = JSON.stringify(s);
    return json.replace(/[\p{C}\p{Z}]/gu, function (ch) {
      if (ch === " ") return ch;
      var cp = ch.codePointAt(0);
      return cp > 0xffff ? "\\U" + ("0000000" + cp.toString(16)).slice(-8) : "\\u" + ("000" + cp.toString(16)).slice(-4);
    });
  }

  // An id suggested from the quote's first words: lower-case letters and digits, hyphens between.
  function slug(words) {
    var plain = words.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    var parts = plain.split(/[^a-z0-9]+/).filter(Boolean).slice(0, 7);
    return parts.join("-");
  }

  // One listener for the whole visit: with instant navigation each page sets (or clears) it.
  var onSelectionChange = null;
  document.addEventListener("selectionchange", function () {
    if (onSelectionChange) onSelectionChange();
  });

  // The bar's and the dialog's markup: fixed text only; what comes from the page data (topic
  // names, the new-file address) is set as text and properties below, never as markup.
  var BAR =
    '<p class="bf-citetool__status" role="status" aria-live="polite">Select words in the text to cite them in a new claim.</p>' +
    '<button type="button" class="md-button bf-citetool__open" aria-haspopup="dialog" aria-disabled="true">Cite this passage</button>';
  var DIALOG =
    '<h2 id="bf-citetool-title">Cite this passage</h2>' +
    '<p class="bf-citetool__where"></p>' +
    "<p>The citation block for these words, as <code>python -m briefing locate</code> prints it:</p>" +
    '<pre class="bf-citetool__block"><code></code></pre>' +
    '<p><button type="button" class="md-button bf-citetool__copy">Copy the block</button> ' +
    '<span class="bf-citetool__copied" role="status" aria-live="polite"></span></p>' +
    '<h3>Start a claim with it</h3><p class="bf-citetool__how"></p>' +
    '<div class="bf-citetool__form">' +
    '<p><label for="bf-citetool-statement">Statement</label>' +
    '<textarea id="bf-citetool-statement" rows="3" aria-describedby="bf-citetool-statement-help"></textarea>' +
    '<small id="bf-citetool-statement-help">Left empty, the file holds the quote as a draft, and the check fails until you ' +
    "rewrite it in your own words.</small></p>" +
    '<p><label for="bf-citetool-id">Claim id</label>' +
    '<input id="bf-citetool-id" type="text" spellcheck="false" autocomplete="off" pattern="[a-z0-9]+(-[a-z0-9]+)*" ' +
    'aria-describedby="bf-citetool-id-help"><small id="bf-citetool-id-help">Lower-case words joined by hyphens; ' +
    "the file is facts/claims/ID.yml.</small></p>" +
    '<p><label for="bf-citetool-topic">Topic</label><select id="bf-citetool-topic"></select></p>' +
    "</div>" +
    '<p class="bf-citetool__problem" role="alert"></p>' +
    '<p class="bf-citetool__actions">' +
    '<a class="md-button md-button--primary bf-citetool__new" target="_blank" rel="noopener noreferrer">Open the new claim file on GitHub</a> ' +
    '<button type="button" class="md-button bf-citetool__close">Close</button></p>' +
    '<details class="bf-citetool__file"><summary>The claim file</summary><pre><code></code></pre></details>';

  function makeControls(tool, data) {
    tool.innerHTML = BAR;
    var dialog = document.createElement("dialog");
    dialog.className = "bf-citetool__dialog";
    dialog.setAttribute("aria-labelledby", "bf-citetool-title");
    dialog.innerHTML = DIALOG;
    var how = "Write the claim: the briefing's own sentence, saying no more than the words. ";
    var link = dialog.querySelector(".bf-citetool__new");
    // Only GitHub's new-file address of the configured repository (briefing/citetool.py: new_file_base).
    if (typeof data["new"] === "string" && /^https:\/\/github\.com\//.test(data["new"])) {
      how += "Then open the new file on GitHub: it holds the claim, ready to commit on a branch of your own.";
    } else {
      how += "Then save it as a file in facts/claims/.";
      link.parentNode.removeChild(link.nextSibling);
      link.parentNode.removeChild(link);
    }
    dialog.querySelector(".bf-citetool__how").textContent = how;
    var select = dialog.querySelector("#bf-citetool-topic");
    (data.topics || []).forEach(function (t) {
      var option = document.createElement("option");
      option.value = t[0];
      option.textContent = t[1];
      select.appendChild(option);
    });
    tool.parentNode.insertBefore(dialog, tool.nextSibling);
    return dialog;
  }

  function setup() {
    onSelectionChange = null;
    var box = document.querySelector(".bf-source");
    var tool = document.querySelector(".bf-citetool[data-cite]");
    if (!box || !tool || tool.getAttribute("data-ready")) return;
    var data;
    try {
      data = JSON.parse(tool.getAttribute("data-cite"));
    } catch (e) {
      return;
    }
    // The offsets are the text's own: the page must show exactly it (line breaks are shown as
    // spaces, one for one).
    if (box.textContent.replace(/\n/g, " ") !== data.text.replace(/\n/g, " ")) return;
    var dialog = makeControls(tool, data);
    tool.setAttribute("data-ready", "1");
    var tok = data.tokens, count = tok.length / 2;
    var status = tool.querySelector(".bf-citetool__status");
    var open = tool.querySelector(".bf-citetool__open");
    var current = null; // the last selection in the text, worked out

    // Most of the text is highlighted passages, which are links, and a press on a link never
    // starts a selection in Chromium. So a press there sets the link's address aside until the
    // click: a plain click still follows it (the address is back before the browser acts on the
    // click), a drag selects words, and a drag that ends on the link does not follow it.
    var held = null;
    function restore() {
      if (!held) return;
      held.setAttribute("href", held.getAttribute("data-bf-href"));
      held.removeAttribute("data-bf-href");
      held = null;
    }
    box.addEventListener("mousedown", function (e) {
      var a = e.target.closest ? e.target.closest("a[href]") : null;
      if (!a || e.button !== 0 || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      restore();
      held = a;
      a.setAttribute("data-bf-href", a.getAttribute("href"));
      a.removeAttribute("href");
    }, true);
    box.addEventListener("click", function (e) {
      var had = held;
      restore();
      var sel = window.getSelection();
      if (had && sel && !sel.isCollapsed && selectedRange()) e.preventDefault();
    }, true);
    document.addEventListener("mouseup", function () {
      window.setTimeout(restore, 0);
    }, true);

    function offset(node, off) {
      var r = document.createRange();
      r.setStart(box, 0);
      r.setEnd(node, off);
      return r.toString().length;
    }

    // The selection as [start, end) UTF-16 offsets in the text, or null if none of it is there.
    function selectedRange() {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
      var r = sel.getRangeAt(0), whole = document.createRange();
      whole.selectNodeContents(box);
      var cs = whole.comparePoint(r.startContainer, r.startOffset);
      var ce = whole.comparePoint(r.endContainer, r.endOffset);
      if (cs > 0 || ce < 0) return null;
      var a = cs < 0 ? 0 : offset(r.startContainer, r.startOffset);
      var b = ce > 0 ? data.text.length : offset(r.endContainer, r.endOffset);
      return b > a ? [a, b] : null;
    }

    function firstEndingAfter(a) {
      var lo = 0, hi = count;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (tok[2 * mid + 1] > a) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    }
    function lastStartingBefore(b) {
      var lo = 0, hi = count;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (tok[2 * mid] < b) lo = mid + 1;
        else hi = mid;
      }
      return lo - 1;
    }

    // A comma or full stop between the digits of a number ("1,500", "2.5"): `anchor` lets a quote
    // start or end on it, but a quote that does cuts the number (",500", "2."), so the selection
    // takes the whole number. Read from the build's flags (the digits either side may not end or
    // start there), so "digit" means what it means to the check, in any script.
    function inNumber(k) {
      return k > 0 && k < count - 1 && (data.flags[k - 1] & NO_END) !== 0 && (data.flags[k + 1] & NO_START) !== 0;
    }

    // Whole tokens i..j for the selection, widened to whole numbers; then what locate says.
    function work(range) {
      var i = firstEndingAfter(range[0]), j = lastStartingBefore(range[1]);
      if (i >= count || j < 0 || i > j) return null;
      while (i > 0 && (data.flags[i] & NO_START || inNumber(i))) i--;
      while (j < count - 1 && (data.flags[j] & NO_END || inNumber(j))) j++;
      var quote = data.text.slice(tok[2 * i], tok[2 * j + 1]);
      var out = { i: i, j: j, quote: quote, prefix: null, occurrence: null, problem: "" };
      for (var k = i; k <= j; k++) {
        if (data.flags[k] & ELLIPSIS) {
          out.problem = "The words hold an ellipsis (… or ...), which in a quote joins two pieces: select the words on one side of it.";
          return out;
        }
      }
      var settled = data.settled[i];
      if (settled === -1 || j < settled) {
        var entries = data.ambiguous[i];
        if (j - i >= entries.length) {
          out.problem = "These words occur more than once in the source and are too long for this page to tell apart: " +
            "run python -m briefing locate with them.";
          return out;
        }
        var e = entries[j - i];
        if (e !== null && e >= 0) out.prefix = data.text.slice(tok[2 * e], tok[2 * (i - 1) + 1]);
        else if (e !== null) out.occurrence = -e;
      }
      // The entities the quote names, as `briefing new` lists them.
      var a = tok[2 * i], b = tok[2 * j + 1], named = {};
      for (var n = 0; n < data.names.length; n++) {
        var m = data.names[n];
        if (m[0] >= a && m[1] <= b && (m[3] || m[0] === a) && (m[4] || m[1] === b)) named[data.entities[m[2]]] = true;
      }
      out.entities = Object.keys(named).sort();
      var before = data.text.slice(0, a), lines = before.split("\n");
      out.line = lines.length;
      out.column = Array.from(lines[lines.length - 1]).length + 1;
      out.start = Array.from(before).length;
      out.end = out.start + Array.from(quote).length;
      return out;
    }

    function citationLines(c, indent) {
      var lines = [indent + "- source: " + data.source, indent + "  quote: " + yamlStr(c.quote)];
      if (c.prefix !== null) lines.push(indent + "  prefix: " + yamlStr(c.prefix));
      if (c.occurrence !== null) lines.push(indent + "  occurrence: " + c.occurrence);
      return lines;
    }

    function block(c) {
      return ["citations:"].concat(citationLines(c, "  ")).join("\n") + "\n";
    }

    // The claim file `briefing new` would write (briefing/newclaim.py: render).
    function claimFile(c, id, statement, topic) {
      var drafted = !statement;
      var out = ["# yaml-language-server: $schema=../../briefing/schemas/claim.schema.json", "id: " + id];
      if (drafted) {
        out.push(
          "# DRAFT: this statement is the quote copied word for word, and the check fails on it",
          "# (statement-is-draft) until you rewrite it in your own words as the briefing's sentence.",
          "# It may say no more than the quote, and every number in it must appear in the quote.",
          "# Then delete these four lines."
        );
      } else {
        out.push("# The briefing's own sentence: it says no more than the quote.");
      }
      out.push(
        "statement: " + yamlStr(drafted ? c.quote.split(/\s+/).join(" ").trim() : statement.split(/\s+/).join(" ").trim()),
        "# reported: the article says it in its own voice; attributed: a named person says it",
        "# (speaker: their entity id); speculation: the article's own guess; inference: the",
        "# editors' own derivation (based_on: claim ids, basis: the reasoning).",
        "kind: reported",
        "topics: [" + topic + "]",
        "# The entities the quote names (by name or alias); keep those the claim is about.",
        "entities: [" + c.entities.join(", ") + "]",
        "citations:",
        "  # " + data.path + " line " + c.line + ", column " + c.column + " (offsets " + c.start + "–" + c.end + ")"
      );
      var cit = citationLines(c, "  ");
      out.push(cit[0], cit[1]);
      if (c.prefix !== null) out.push("    # The quote occurs more than once; the words just before it pick this one.", cit[2]);
      if (c.occurrence !== null) out.push("    # The quote occurs more than once and no prefix tells them apart: this is match " + c.occurrence + ".", cit[2]);
      return out.join("\n") + "\n";
    }

    function onSelection() {
      if (dialog.open) return;
      var range = selectedRange();
      current = range ? work(range) : null;
      if (!current) {
        open.setAttribute("aria-disabled", "true");
        status.textContent = "Select words in the text to cite them in a new claim.";
        return;
      }
      open.setAttribute("aria-disabled", "false");
      var words = current.quote.split(/\s+/).filter(Boolean).length;
      status.textContent = words + (words === 1 ? " word" : " words") + " selected: “" + current.quote.split(/\s+/).slice(0, 8).join(" ") +
        (words > 8 ? " …" : "") + "”";
    }
    onSelectionChange = onSelection;


    var idField = dialog.querySelector("#bf-citetool-id");
    var statementField = dialog.querySelector("#bf-citetool-statement");
    var topicField = dialog.querySelector("#bf-citetool-topic");
    var problem = dialog.querySelector(".bf-citetool__problem");
    var link = dialog.querySelector(".bf-citetool__new");
    var shown = null;

    function refresh() {
      if (!shown) return;
      var id = idField.value.trim();
      var file = claimFile(shown, id, statementField.value.trim(), topicField.value);
      dialog.querySelector(".bf-citetool__file code").textContent = file;
      var bad = !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) ? "The claim id may hold only lower-case letters, digits and single hyphens." : "";
      problem.textContent = bad;
      if (!link) return;
      if (bad) {
        link.removeAttribute("href");
        link.setAttribute("aria-disabled", "true");
      } else {
        link.href = data["new"] + "?filename=" + encodeURIComponent("facts/claims/" + id + ".yml") + "&value=" + encodeURIComponent(file);
        link.removeAttribute("aria-disabled");
      }
    }
    [idField, statementField, topicField].forEach(function (f) {
      f.addEventListener("input", refresh);
    });

    open.addEventListener("click", function () {
      if (!current) {
        status.textContent = "Select words in the text first, then choose Cite this passage.";
        return;
      }
      shown = current;
      dialog.querySelector(".bf-citetool__where").textContent =
        data.path + ", line " + shown.line + ", column " + shown.column + ": “" + shown.quote + "”";
      var code = dialog.querySelector(".bf-citetool__block code");
      var copied = dialog.querySelector(".bf-citetool__copied");
      copied.textContent = "";
      if (shown.problem) {
        code.textContent = "";
        problem.textContent = shown.problem;
        dialog.querySelector(".bf-citetool__form").hidden = true;
        if (link) link.hidden = true;
      } else {
        code.textContent = block(shown);
        dialog.querySelector(".bf-citetool__form").hidden = false;
        if (link) link.hidden = false;
        if (!idField.value || idField.getAttribute("data-suggested") === idField.value) {
          idField.value = slug(shown.quote);
          idField.setAttribute("data-suggested", idField.value);
        }
        refresh();
      }
      dialog.showModal();
    });
    dialog.querySelector(".bf-citetool__close").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", function () {
      open.focus();
    });
    dialog.querySelector(".bf-citetool__copy").addEventListener("click", function () {
      var code = dialog.querySelector(".bf-citetool__block code");
      var copied = dialog.querySelector(".bf-citetool__copied");
      var done = function () {
        copied.textContent = "Copied.";
      };
      var select = function () {
        var r = document.createRange();
        r.selectNodeContents(code);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(r);
        copied.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(code.textContent).then(done, select);
      else select();
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
