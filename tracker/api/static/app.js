/* The tracker web page: search, an entry's timeline, the changes of the lists (with plots drawn by
   uPlot) and diff downloads. Plain JavaScript over the JSON API; list text always goes in as text
   (textContent), never as HTML. Routes live in the hash: #/?q=NAME, #/entity/SOURCE/ID, #/changes. */
"use strict";

const view = document.getElementById("view");

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : `HTTP ${response.status}`;
    throw new Error(detail);
  }
  return body;
}

function showError(where, error) {
  where.replaceChildren(el("p", { class: "error", role: "alert", text: error.message || String(error) }));
}

function entityHref(source, id) {
  return `#/entity/${encodeURIComponent(source)}/${encodeURIComponent(id)}`;
}

function setActive(name) {
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.id === `nav-${name}`);
}

// --- search --------------------------------------------------------------------------------------

function searchPage(params) {
  setActive("search");
  const q = params.get("q") || "";
  const input = el("input", { type: "search", id: "q", name: "q", value: q, placeholder: "A name in any script, e.g. Андрій Деркач", "aria-label": "Name", autocomplete: "off", required: true });
  const asOf = el("input", { type: "date", id: "as-of", value: params.get("as_of") || "" });
  const dob = el("input", { type: "text", id: "dob", value: params.get("dob") || "", placeholder: "YYYY-MM-DD", size: 10 });
  const country = el("input", { type: "text", id: "country", value: params.get("country") || "", placeholder: "RU", size: 8 });
  const results = el("section", { id: "results" });
  const form = el("form", { class: "search", role: "search", onsubmit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    next.set("q", input.value.trim());
    if (asOf.value) next.set("as_of", asOf.value);
    if (dob.value.trim()) next.set("dob", dob.value.trim());
    if (country.value.trim()) next.set("country", country.value.trim());
    location.hash = `#/?${next}`;
  } },
    input,
    el("button", { type: "submit", id: "search-button" }, "Search"),
    el("details", { open: params.get("as_of") || params.get("dob") || params.get("country") ? true : null },
      el("summary", { class: "muted" }, "Options"),
      el("div", { class: "options" },
        el("label", {}, "Lists as of", asOf),
        el("label", {}, "Date of birth", dob),
        el("label", {}, "Country", country))));
  view.replaceChildren(el("h1", {}, "Is this person listed?"), form, results);
  input.focus();
  if (q) runSearch(params, results);
  else results.append(el("p", { class: "muted" }, "Transliteration- and typo-tolerant search across every stored list, with the reason for each match."));
}

async function runSearch(params, where) {
  where.replaceChildren(el("p", { class: "muted" }, "Searching…"));
  const query = new URLSearchParams({ q: params.get("q"), limit: "10", mentions: "1" });
  for (const key of ["as_of", "dob", "country"]) if (params.get(key)) query.set(key, params.get(key));
  let body;
  try { body = await api(`/search?${query}`); } catch (error) { showError(where, error); return; }
  const list = el("ol", { class: "results" });
  for (const r of body.results) list.append(resultItem(r));
  const checked = body.checked_against.map((c) => `${c.source} ${c.date}${c.stale ? " (stale)" : ""}`).join(", ");
  where.replaceChildren(
    el("p", { id: "summary" }, body.hits ? `${body.hits} match${body.hits > 1 ? "es" : ""}` : `No match for “${body.query}” at or above the threshold.`),
    ...(body.warnings || []).map((w) => el("p", { class: "warning" }, w)),
    list,
    el("p", { class: "muted", id: "checked" }, `Checked against: ${checked || "no list"}`));
}

function resultItem(r) {
  const facts = [];
  if (r.birth_dates && r.birth_dates.length) facts.push(`born ${r.birth_dates.join(", ")}`);
  if (r.nationalities && r.nationalities.length) facts.push(`nationality ${r.nationalities.join(", ")}`);
  if (r.programs && r.programs.length) facts.push(`programmes ${r.programs.join(", ")}`);
  if (!facts.length) facts.push(`${r.entity_type}; no birth date or nationality listed`);
  const flags = [r.weak_alias ? "weak alias" : "", r.match_kind && r.match_kind !== "name" ? r.match_kind : ""].filter(Boolean);
  const mention = (r.mentions || [])[0];
  return el("li", { class: "result" },
    el("div", { class: "head" },
      el("span", { class: "score" }, r.score.toFixed(2)),
      el("a", { class: "name", href: entityHref(r.source, r.source_id) }, r.name),
      el("span", { class: "key" }, `${r.source}:${r.source_id}`),
      el("span", { class: `badge ${r.listed ? "listed" : "delisted"}` }, r.listed ? "listed" : "delisted")),
    el("p", { class: "why" }, `matched ${r.matched_name}${flags.length ? ` (${flags.join(", ")})` : ""} — why: `, el("span", { class: "explanation" }, r.explanation)),
    el("p", { class: "facts muted" }, facts.join("; ")),
    el("p", { class: "since muted" }, [r.since, r.snapshot ? `checked: ${r.snapshot.source} list of ${r.snapshot.date}` : ""].filter(Boolean).join("; ")),
    mention ? el("p", { class: "since muted" }, `in the news ${mention.article_date || ""}: “${(mention.sentence || "").slice(0, 160)}”`) : null);
}

// --- an entry ------------------------------------------------------------------------------------

async function entityPage(source, id) {
  setActive("");
  view.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  let e;
  try { e = await api(`/entities/${encodeURIComponent(source)}/${id.split("/").map(encodeURIComponent).join("/")}`); } catch (error) { showError(view, error); return; }
  const current = e.current || {};
  const aliases = (current.names || []).filter((n) => n.kind !== "primary").map((n) => n.full + (n.kind === "weak_aka" ? " (weak)" : ""));
  const facts = el("dl", { class: "facts" });
  const add = (label, values) => {
    if (values && values.length) facts.append(el("dt", {}, label), el("dd", {}, values.join("; ")));
  };
  add("Listed", [e.listed ? `yes, ${e.since}` : `no: delisted ${(e.removed_at || "").slice(0, 10)}`]);
  add("Aliases", aliases);
  add("Programmes", current.programs);
  add("Born", current.birth_dates);
  add("Birthplace", current.birth_places);
  add("Nationality", current.nationalities);
  add("Citizenship", current.citizenships);
  add("Identifiers", (current.identifiers || []).slice(0, 8).map((i) => `${i.type || ""} ${i.number || ""}`.trim()));
  const timeline = el("ol", { class: "timeline", id: "timeline" });
  for (const event of e.timeline) {
    const items = [];
    if (event.facts) items.push(el("li", {}, event.facts));
    for (const f of event.fields) {
      const text = f.list
        ? `${f.field}: ${[f.before ? `− ${f.before}` : "", f.after ? `+ ${f.after}` : ""].filter(Boolean).join("  ")}`
        : `${f.field}: ${f.before || "(none)"} → ${f.after || "(none)"}`;
      items.push(el("li", {}, text));
    }
    timeline.append(el("li", { class: "event" },
      el("span", { class: "when" }, event.date), el("span", { class: "what" }, event.event),
      el("span", { class: "muted" }, ` (snapshot ${event.snapshot_id})`),
      items.length ? el("ul", {}, items) : null));
  }
  const mentions = el("ul", {});
  for (const m of e.mentions) mentions.append(el("li", {}, `${m.article_date || "?"} ${m.article_title || m.article || ""}: “${(m.sentence || "").slice(0, 200)}”`));
  view.replaceChildren(...[
    el("h1", { id: "entity-name" }, e.display_name),
    el("p", { class: "muted" }, `${e.source}:${e.source_id} · ${e.entity_type} · first seen ${(e.first_seen || "").slice(0, 10)} · last seen ${(e.last_seen || "").slice(0, 10)}`),
    facts,
    el("h2", {}, "History"),
    timeline,
    e.mentions.length ? el("h2", {}, "In the news") : null,
    e.mentions.length ? mentions : null].filter(Boolean));
}

// --- changes -------------------------------------------------------------------------------------

const COLOURS = ["#0b5cad", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0e7490", "#a16207", "#be185d", "#4d7c0f", "#334155"];
const plots = new Map(); // "size" / "months" -> its uPlot, redrawn or resized in place

function plotWidth(node) {
  return Math.max(280, Math.floor(node.getBoundingClientRect().width || 600));
}

async function changesPage() {
  setActive("changes");
  for (const p of plots.values()) p.destroy();
  plots.clear();
  const sizePlot = el("div", { class: "plot", id: "size-plot" });
  const monthPlot = el("div", { class: "plot", id: "month-plot" });
  const pick = el("select", { id: "month-source", "aria-label": "List" }, el("option", { value: "" }, "every list"));
  const recent = el("div", { class: "table-wrap", id: "recent" });
  view.replaceChildren(
    el("h1", {}, "What changed"),
    el("h2", {}, "Size of each list"), sizePlot,
    el("div", { class: "row" }, el("h2", {}, "Additions and removals per month"), el("label", {}, "List", pick)), monthPlot,
    el("h2", {}, "Download a diff"), diffForm(),
    el("h2", {}, "Latest changes"), recent);
  let activity;
  try { activity = await api("/activity"); } catch (error) { showError(sizePlot, error); return; }
  for (const a of activity) pick.append(el("option", { value: a.source }, a.source));
  drawSizes(sizePlot, activity);
  drawMonths(monthPlot, activity, "");
  pick.addEventListener("change", () => drawMonths(monthPlot, activity, pick.value));
  loadRecent(recent);
}

const day = (text) => Date.parse(`${text}T00:00:00Z`) / 1000;

function drawSizes(node, activity) {
  const xs = [...new Set(activity.flatMap((a) => a.sizes.map((s) => s.date)))].sort();
  const data = [xs.map(day)];
  for (const a of activity) {
    const bySize = new Map(a.sizes.map((s) => [s.date, s.entries]));
    data.push(xs.map((x) => (bySize.has(x) ? bySize.get(x) : null)));
  }
  const series = [{}, ...activity.map((a, i) => ({ label: a.source, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: true, points: { show: xs.length < 60 } }))];
  node.replaceChildren();
  plots.set("size", new uPlot({ width: plotWidth(node), height: 260, series, axes: [{}, { label: "entries", size: 60 }], scales: { x: { time: true } } }, data, node));
}

function drawMonths(node, activity, source) {
  const chosen = source ? activity.filter((a) => a.source === source) : activity;
  const totals = new Map();
  for (const a of chosen) for (const m of a.months) {
    const t = totals.get(m.month) || { added: 0, removed: 0, modified: 0 };
    t.added += m.added; t.removed += m.removed; t.modified += m.modified;
    totals.set(m.month, t);
  }
  const months = [...totals.keys()].sort();
  if (months.length) {  // an empty month on each side: the edge bars show whole, one month stays a month
    const shiftMonth = (m, by) => { const d = new Date(`${m}-01T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + by); return d.toISOString().slice(0, 7); };
    for (const pad of [shiftMonth(months[0], -1), shiftMonth(months[months.length - 1], 1)]) totals.set(pad, { added: 0, removed: 0, modified: 0 });
    months.unshift(shiftMonth(months[0], -1));
    months.push(shiftMonth(months[months.length - 1], 1));
  }
  if (plots.has("months")) { plots.get("months").destroy(); plots.delete("months"); }
  node.replaceChildren();
  if (!months.length) { node.append(el("p", { class: "muted" }, "No changes after the first snapshot yet.")); return; }
  const xs = months.map((m) => day(`${m}-01`));
  // two bars per month side by side: each 40 % of the month's width (at most 40 px)
  const shift = (offset) => uPlot.paths.bars({ size: [0.4, 40], align: offset });
  const data = [xs, months.map((m) => totals.get(m).added), months.map((m) => totals.get(m).removed)];
  const series = [{}, { label: "added", fill: "#15803d", stroke: "#15803d", paths: shift(-1), points: { show: false } },
    { label: "removed", fill: "#b91c1c", stroke: "#b91c1c", paths: shift(1), points: { show: false } }];
  plots.set("months", new uPlot({ width: plotWidth(node), height: 240, series, axes: [{}, { label: "entries", size: 60 }], scales: { x: { time: true } } }, data, node));
}

function diffForm() {
  const from = el("input", { type: "date", id: "diff-from", required: true });
  const to = el("input", { type: "date", id: "diff-to" });
  const source = el("input", { type: "text", id: "diff-source", placeholder: "all lists", size: 12 });
  const format = el("select", { id: "diff-format" }, ["csv", "xlsx", "json"].map((f) => el("option", { value: f }, f.toUpperCase())));
  const link = el("a", { id: "diff-link", href: "#", class: "muted" }, "");
  const update = () => {
    const q = new URLSearchParams();
    if (source.value.trim()) q.set("source", source.value.trim());
    if (from.value) q.set("from", from.value);
    if (to.value) q.set("to", to.value);
    q.set("format", format.value);
    link.href = `/diff?${q}`;
    link.textContent = `Download ${format.value.toUpperCase()}: ${from.value || "the snapshot before"} → ${to.value || "latest"}`;
  };
  for (const input of [from, to, source, format]) input.addEventListener("change", update);
  update();
  return el("div", {},
    el("div", { class: "row" }, el("label", {}, "From", from), el("label", {}, "To", to), el("label", {}, "List", source), el("label", {}, "Format", format)),
    el("p", {}, link));
}

async function loadRecent(where) {
  let body;
  try { body = await api("/changes?limit=50"); } catch (error) { showError(where, error); return; }
  const rows = body.changes.map((c) => el("tr", {},
    el("td", {}, (c.published_at || c.timeline_at || "").slice(0, 10)),
    el("td", { class: "hide-narrow" }, c.source),
    el("td", {}, c.change.toLowerCase()),
    el("td", { class: "name" }, el("a", { href: entityHref(c.source, c.source_id) }, c.name)),
    el("td", { class: "hide-narrow" }, c.fields.map((f) => f.field).join(", "))));
  where.replaceChildren(el("table", {},
    el("thead", {}, el("tr", {}, el("th", {}, "date"), el("th", { class: "hide-narrow" }, "list"), el("th", {}, "change"), el("th", {}, "name"), el("th", { class: "hide-narrow" }, "fields"))),
    el("tbody", {}, rows)),
    el("p", { class: "muted" }, `${rows.length} of ${body.total} changes`));
}

// --- routing -------------------------------------------------------------------------------------

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const entity = path.match(/^\/entity\/([^/]+)\/(.+)$/);
  if (entity) return entityPage(decodeURIComponent(entity[1]), entity[2].split("/").map(decodeURIComponent).join("/"));
  if (path === "/changes") return changesPage();
  return searchPage(params);
}

let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { for (const p of plots.values()) if (p.root.parentNode) p.setSize({ width: plotWidth(p.root.parentNode), height: p.height }); }, 150);
});
window.addEventListener("hashchange", route);
route();
