/* corpuskit run report: charts (Chart.js, inlined) and the document browser.
   Everything it shows comes from the JSON in #report-data; nothing is fetched. */
(function () {
  "use strict";
  const R = JSON.parse(document.getElementById("report-data").textContent);
  const $ = (sel) => document.querySelector(sel);
  const fmt = (n) => (typeof n === "number" ? n.toLocaleString("en") : String(n));
  const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d",
    "#9333ea", "#ea580c", "#0d9488", "#4f46e5"];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function table(head, rows, numeric) {
    const t = el("table");
    t.append(el("thead", {}, el("tr", {}, ...head.map((h, i) => el("th", { class: numeric && numeric[i] ? "num" : "", text: h })))));
    const body = el("tbody");
    for (const r of rows) body.append(el("tr", {}, ...r.map((c, i) => el("td", { class: numeric && numeric[i] ? "num" : "" }, c instanceof Node ? c : fmt(c)))));
    t.append(body);
    return t;
  }

  /* One chart per box; a box with nothing recorded says so instead of drawing an empty chart. */
  function chart(id, config, empty) {
    const box = document.getElementById(id);
    if (!box) return;
    if (empty) { box.append(el("p", { class: "empty", text: empty })); return; }
    const canvas = el("canvas", { "data-chart": id });
    box.append(el("div", { class: "chartwrap" }, canvas));
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { display: (config.data.datasets || []).length > 1 } } }, config.options || {});
    new Chart(canvas, config);
  }

  const bar = (labels, datasets, opts) => ({ type: "bar", data: { labels, datasets: datasets.map((d, i) =>
    Object.assign({ backgroundColor: COLORS[i % COLORS.length] }, d)) }, options: opts || {} });

  function summary() {
    const run = R.run;
    const perSecond = run.seconds > 0 ? run.docs_in / run.seconds : 0;
    const rate = perSecond >= 10 ? Math.round(perSecond) : perSecond.toFixed(1);
    $("#title").textContent = "corpuskit run report: " + run.name;
    const facts = [["documents in", fmt(run.docs_in)], ["out", fmt(run.docs_out)], ["rejected", fmt(run.rejected)],
      ["time", run.seconds.toFixed(2) + " s"], ["throughput", fmt(rate) + " docs/s"],
      ["executor", run.executor + " × " + run.workers], ["shards", fmt(run.shards)]];
    const box = $("#facts");
    for (const [k, v] of facts) box.append(el("div", { class: "fact" }, el("b", { text: v }), el("span", { text: k })));
    $("#outputs").textContent = (run.outputs || []).join(", ") || "(no exporter)";
    $("#generated").textContent = R.generated;
  }

  function funnel() {
    const st = R.stages;
    const labels = st.map((s) => s.name);
    chart("chart-funnel", bar(labels, [{ label: "out", data: st.map((s) => s.out) },
      { label: "rejected", data: st.map((s) => Object.values(s.rejected).reduce((a, b) => a + b, 0)) }],
      { scales: { x: { stacked: true }, y: { stacked: true } } }), st.length ? null : "no stages ran");
    const rows = st.map((s) => {
      const rej = Object.values(s.rejected).reduce((a, b) => a + b, 0);
      const reasons = Object.entries(s.rejected).map(([r, n]) => r + ": " + fmt(n)).join("; ");
      const counters = Object.entries(s.counters).map(([c, n]) => c + ": " + fmt(n)).join("; ");
      const rate = s.seconds > 0 ? Math.round(s.in / s.seconds) : "-";
      return [s.name, s.kind, s.in, s.out, rej, reasons || "-", counters || "-", s.seconds.toFixed(3), rate];
    });
    $("#stages").append(table(["stage", "kind", "in", "out", "rejected", "rejected by reason", "counters",
      "seconds", "docs/s"], rows, [0, 0, 1, 1, 1, 0, 0, 1, 1]));
    const reasons = [];
    for (const s of st) for (const [r, n] of Object.entries(s.rejected)) reasons.push([s.name + ": " + r, n]);
    reasons.sort((a, b) => b[1] - a[1]);
    chart("chart-reasons", bar(reasons.map((r) => r[0]), [{ label: "documents", data: reasons.map((r) => r[1]) }],
      { indexAxis: "y" }), reasons.length ? null : "no document was rejected");
    chart("chart-time", bar(labels, [{ label: "seconds", data: st.map((s) => s.seconds) }]),
      st.length ? null : "no stages ran");
  }

  function distributions() {
    const L = R.lengths;
    chart("chart-lengths", bar(L.labels, [{ label: "before cleaning", data: L.before },
      { label: "after cleaning", data: L.after }], { scales: { x: { title: { display: true, text: "characters (at least)" } } } }),
      L.labels.length ? null : "no lengths recorded");
    const langs = R.languages.slice(0, 20);
    chart("chart-languages", { type: "doughnut", data: { labels: langs.map((l) => l[0]), datasets: [{ data: langs.map((l) => l[1]),
      backgroundColor: langs.map((_, i) => COLORS[i % COLORS.length]) }] }, options: { plugins: { legend: { display: true, position: "right" } } } },
      langs.length ? null : "no output documents");
    const cl = Object.entries(R.clusters);
    const sizes = [...new Set(cl.flatMap(([, pairs]) => pairs.map((p) => p[0])))].sort((a, b) => a - b);
    chart("chart-clusters", bar(sizes.map(String), cl.map(([stage, pairs]) => {
      const m = new Map(pairs); return { label: stage, data: sizes.map((s) => m.get(s) || 0) };
    }), { plugins: { legend: { display: true } },
      scales: { x: { title: { display: true, text: "documents in the cluster" } }, y: { title: { display: true, text: "clusters" } } } }),
      cl.length ? null : "no duplicates were removed (no reject carries meta.duplicate_of)");
    chart("chart-stories", bar(R.stories.map((p) => String(p[0])), [{ label: "stories", data: R.stories.map((p) => p[1]) }],
      { scales: { x: { title: { display: true, text: "documents in the story" } } } }),
      R.stories.length ? null : "no document carries meta.story_size");
  }

  function removedLines() {
    const rs = R.removed;
    chart("chart-removed", bar(rs.map((r) => r[0] + ": " + r[1]), [{ label: "lines", data: rs.map((r) => r[2]) }],
      { indexAxis: "y" }), rs.length ? null : "no stage recorded removed lines (docs/plugins.md, 'Removed lines in the report')");
    if (R.lines.length) {
      $("#lines").append(table(["times", "stage", "reason", "line"], R.lines.map((l) => [l[3], l[0], l[1], l[2]]), [1, 0, 0, 0]));
    }
    if (R.entities.length) {
      $("#entities").append(table(["name", "type", "documents", "mentions", "merged forms"],
        R.entities.map((e) => [e[0], e[1], e[2], e[3], e[4].join(" · ")]), [0, 0, 1, 1, 0]));
    } else $("#entities").append(el("p", { class: "empty", text: "no document carries meta.entities" }));
  }

  /* -- the document browser ------------------------------------------------ */
  const entries = [];
  for (const d of R.documents) entries.push({ kind: "document", doc: d, hay: (d.id + "\n" + d.text).toLowerCase() });
  for (const group of R.rejected) for (const r of group.documents) {
    entries.push({ kind: "rejected", rec: r, doc: r.document, hay: (r.document.id + "\n" + r.document.text).toLowerCase() });
  }

  function find(query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return entries;
    return entries.filter((e) => e.doc.id.toLowerCase() === words.join(" ") || words.every((w) => e.hay.includes(w)));
  }

  function results(query) {
    const list = $("#results");
    list.textContent = "";
    const found = find(query);
    $("#found").textContent = fmt(found.length) + " of " + fmt(entries.length) + " sampled documents";
    for (const e of found.slice(0, 200)) {
      const tag = e.kind === "rejected" ? "rejected · " + e.rec.stage + " · " + e.rec.reason : "output";
      list.append(el("li", { class: e.kind, onclick: () => show(e) }, el("b", { text: e.doc.id }), el("span", { text: tag })));
    }
    if (found.length) show(found[0]);
  }

  function show(e) {
    const view = $("#doc");
    view.textContent = "";
    const d = e.doc;
    view.append(el("h3", { class: "docid", text: d.id }));
    if (e.kind === "rejected") {
      view.append(el("p", { class: "verdict" }, "rejected by ", el("b", { text: e.rec.stage }), " — ",
        el("b", { text: e.rec.reason }), e.rec.detail ? ": " + e.rec.detail : ""));
    }
    const text = el("div", { class: "doctext" });
    const segments = d.segments || d.text.split("\n").map((t) => [t, -1]);
    for (const [line, li] of segments) {
      if (li < 0) { text.append(el("div", { class: "kept", text: line || "\u00a0" })); continue; }
      const [stage, reason] = d.labels[li];
      text.append(el("div", { class: "removed-line" }, el("del", { class: "removed", "data-stage": stage, "data-reason": reason, text: line }),
        el("span", { class: "tag", text: (stage ? stage + " · " : "") + reason })));
    }
    if (d.chars > d.text.length) text.append(el("p", { class: "empty", text: "… " + fmt(d.chars - d.text.length) + " more characters not kept in the report" }));
    view.append(text);
    const meta = d.meta || {};
    if (Array.isArray(meta.entities) && meta.entities.length) {
      view.append(el("h4", { text: "entities" }), table(["name", "type", "mentions", "forms"],
        meta.entities.map((x) => [x.name, x.type, x.count, (x.forms || []).join(" · ")]), [0, 0, 1, 0]));
    }
    if (Array.isArray(meta.quotes) && meta.quotes.length) {
      view.append(el("h4", { text: "quotes" }), el("ul", { class: "quotes" }, ...meta.quotes.map((q) =>
        el("li", {}, el("q", { text: q.text }), " — ", el("b", { text: q.speaker || "?" })))));
    }
    view.append(el("h4", { text: "meta" }), el("pre", { class: "meta", text: JSON.stringify(meta, null, 2) }));
  }

  function rejectedTable() {
    const rows = R.rejected_counts.map((g) => [g.stage, g.reason, g.count, g.sampled]);
    $("#rejected").append(rows.length ? table(["stage", "reason", "documents (exact)", "in the sample"], rows, [0, 0, 1, 1])
      : el("p", { class: "empty", text: "no document was rejected" }));
  }

  function pipeline() { $("#pipeline").textContent = R.config; }

  function sampleNote() {
    $("#sample-note").textContent = "The browser holds a sample: the " + fmt(R.sampled_at_load) +
      " loaded documents with the smallest hash of their id (" + fmt(R.documents.length) + " reached the output), and up to " +
      fmt(R.settings.report_rejects) + " rejected documents per stage and reason. Counts elsewhere are exact.";
  }

  summary(); funnel(); distributions(); removedLines(); rejectedTable(); pipeline(); sampleNote();
  $("#search").addEventListener("input", (ev) => results(ev.target.value));
  results("");
  document.body.setAttribute("data-ready", "1");
})();
