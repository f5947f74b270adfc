// SPARQL editor: examples from the named queries, runs against /sparql with fetch, shows a table.
// Plain script, no library, nothing fetched but the endpoint itself.
(function () {
  "use strict";
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const example = document.getElementById("example");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const downloads = document.getElementById("downloads");
  const examples = JSON.parse(document.getElementById("examples-data").textContent);
  const prefixes = JSON.parse(document.getElementById("prefixes-data").textContent);
  const endpoint = form.getAttribute("action");

  function updateDownloads() {
    for (const link of downloads.querySelectorAll("a[data-format]")) {
      const params = new URLSearchParams({ query: editor.value, format: link.dataset.format });
      link.href = endpoint + "?" + params.toString();
    }
  }

  // our IRIs open their linked-data page here; any other http(s) IRI links to itself; an IRI of any
  // other scheme (javascript:, data: ...) is no link (null) and is shown as text
  const LOCAL = [["https://w3id.org/sgkg/id/", "/id/"], ["https://w3id.org/sgkg/vocab/", "/vocab/"],
                 ["https://w3id.org/sgkg/graph/", "/graph/"]];
  function pageHref(iri) {
    for (const [base, path] of LOCAL) {
      if (iri.startsWith(base)) return path + iri.slice(base.length);
    }
    return /^https?:\/\//i.test(iri) ? iri : null;
  }

  function cellText(term) {
    if (!term) return "";
    return term.value;
  }

  function renderTable(data) {
    const vars = data.head.vars || [];
    const rows = data.results.bindings;
    const table = document.createElement("table");
    table.id = "results-table";
    const caption = table.createCaption();
    caption.textContent = rows.length + " row" + (rows.length === 1 ? "" : "s");
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of rows) {
      const tr = body.insertRow();
      for (const v of vars) {
        const td = tr.insertCell();
        const term = binding[v];
        const href = term && term.type === "uri" ? pageHref(term.value) : null;
        if (href) {
          const a = document.createElement("a");
          a.href = href;
          a.textContent = term.value;
          td.appendChild(a);
        } else {
          td.textContent = cellText(term);
        }
      }
    }
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Query results");
    wrap.tabIndex = 0;
    wrap.appendChild(table);
    return wrap;
  }

  async function run(event) {
    event.preventDefault();
    results.replaceChildren();
    status.textContent = "Running…";
    updateDownloads();
    const started = performance.now();
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "Accept": "application/sparql-results+json",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ query: editor.value }),
      });
      const text = await response.text();
      if (!response.ok) {
        let detail = text;
        try { const problem = JSON.parse(text); detail = problem.detail || problem.title || text; } catch (e) { /* not JSON */ }
        status.textContent = "Error " + response.status + ": " + detail;
        return;
      }
      const data = JSON.parse(text);
      const ms = Math.round(performance.now() - started);
      if (typeof data.boolean === "boolean") {
        status.textContent = "Answer: " + data.boolean + " (" + ms + " ms)";
      } else {
        results.appendChild(renderTable(data));
        status.textContent = data.results.bindings.length + " results in " + ms + " ms.";
      }
      downloads.hidden = false;
    } catch (error) {
      status.textContent = "The query could not be sent: " + error;
    }
  }

  example.addEventListener("change", function () {
    const chosen = examples.find(function (e) { return e.name === example.value; });
    if (!chosen) return;
    editor.value = chosen.text.includes("PREFIX ") ? chosen.text : prefixes + "\n" + chosen.text;
    updateDownloads();
    editor.focus();
  });
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run(event);
  });
  editor.addEventListener("input", updateDownloads);
  form.addEventListener("submit", run);
  updateDownloads();
})();
