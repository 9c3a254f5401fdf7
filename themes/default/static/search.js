// The search page (SPEC §2.3), on Pagefind's JavaScript API and the index in /pagefind/,
// all from this site. The header's field on this page is the search field; the filters
// are filled from the index; results are announced in the status line (aria-live). The
// query and filters are kept in the address, so a result's "back" returns to them.
// Without JavaScript (or if the index cannot load) the page keeps its list of links.

const PAGE = 20;

const root = document.querySelector("[data-search]");
if (root) start(root);

async function start(root) {
  const field = document.querySelector("[data-search-field]");
  const status = document.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const strings = {};
  for (const el of root.querySelector("[data-search-strings]").content.querySelectorAll("[data-key]")) {
    strings[el.dataset.key] = el.textContent;
  }
  let pagefind;
  try {
    pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({ excerptLength: 20 });
    await pagefind.init();
  } catch (e) {
    // The index did not load: the links to browse stay, with the reason above them.
    status.textContent = strings.failed;
    return;
  }
  root.hidden = false;
  document.querySelector("[data-search-fallback]").hidden = true;

  const params = new URLSearchParams(location.search);
  field.value = params.get("q") || "";
  const selects = [];
  const available = await pagefind.filters();
  for (const p of root.querySelectorAll("[data-filter]")) {
    const name = p.dataset.filter;
    const values = Object.keys(available[name] || {});
    if (values.length === 0) continue;
    values.sort((a, b) => a.localeCompare(b, document.documentElement.lang));
    const select = p.querySelector("select");
    for (const v of values) select.append(new Option(v, v));
    if (values.includes(params.get(name))) select.value = params.get(name);
    select.addEventListener("change", () => run());
    selects.push(select);
    p.hidden = false;
    root.querySelector("[data-search-filters]").hidden = false;
  }

  let shown = [];
  let asked = 0;
  let timer;
  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  field.form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  run();

  async function run() {
    const term = field.value.trim();
    const filters = {};
    for (const s of selects) if (s.value) filters[s.dataset.filterSelect] = s.value;
    keep(term, filters);
    const mine = ++asked;
    if (!term && Object.keys(filters).length === 0) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = strings.searching;
    // Events in date order (coming ones first) when only events are asked for; else by
    // relevance.
    const eventsOnly = filters.kind && filters.kind === root.dataset.eventKind;
    try {
      const search = await pagefind.search(term || null, {
        filters,
        sort: eventsOnly ? { date: "asc" } : undefined,
      });
      if (mine !== asked) return;
      shown = search.results;
      list.replaceChildren();
      await more(0, mine);
    } catch (e) {
      if (mine === asked) status.textContent = strings.failed;
      return;
    }
    if (mine !== asked) return;
    const n = shown.length;
    status.textContent = n === 0 ? strings.none
      : (n === 1 ? strings.results_one : strings.results_many).replace("{count}", n);
  }

  // Appends results `from` on, unless a newer search (`asked`) replaced this one meanwhile.
  async function more(from, mine) {
    const page = await Promise.all(shown.slice(from, from + PAGE).map((r) => r.data()));
    if (mine !== asked) return;
    for (const data of page) list.append(result(data));
    if (shown.length > from + PAGE) {
      const li = document.createElement("li");
      li.className = "search-more";
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = strings.more;
      button.addEventListener("click", async () => {
        if (mine !== asked) return;
        li.remove();
        const first = list.children.length;
        try {
          await more(from + PAGE, mine);
        } catch (e) {
          status.textContent = strings.failed;
          return;
        }
        // Focus moves to the first new result, so a keyboard user reads on from there.
        list.children[first]?.querySelector("a")?.focus();
      });
      li.append(button);
      list.append(li);
    }
  }

  function result(data) {
    const m = data.meta || {};
    const li = document.createElement("li");
    li.className = "search-result";
    if (m.start) li.dataset.start = m.start;
    if (m.image) {
      const img = document.createElement("img");
      img.src = m.image;
      img.alt = "";
      img.loading = "lazy";
      img.width = 96;
      img.height = 64;
      li.append(img);
    }
    const h = document.createElement("h2");
    const a = document.createElement("a");
    a.href = data.url;
    a.textContent = m.title || data.url;
    if (m.text_lang) a.lang = m.text_lang;
    h.append(a);
    const kind = document.createElement("p");
    kind.className = "search-kind";
    kind.textContent = [m.kind, m.date].filter(Boolean).join(" · ");
    li.append(h, kind);
    if (m.summary) {
      const p = document.createElement("p");
      p.textContent = m.summary;
      if (m.text_lang) p.lang = m.text_lang;
      li.append(p);
    }
    if (m.text_lang_note) {
      const note = document.createElement("p");
      note.className = "search-note";
      note.textContent = m.text_lang_note;
      li.append(note);
    }
    return li;
  }

  function keep(term, filters) {
    const next = new URLSearchParams();
    if (term) next.set("q", term);
    for (const [k, v] of Object.entries(filters)) next.set(k, v);
    const query = next.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }
}
