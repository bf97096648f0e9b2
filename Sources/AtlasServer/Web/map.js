// The map page: incidents in view as clustered markers (or a grid of counts when there are too
// many), the filters, the place search, the radius tool, the clusters layer, the weekly stats
// strip and the list. Everything comes from the server's API on the same origin.
"use strict";
(() => {
  // Above this many incidents in view the page draws the server's grid counts, not points.
  const POINT_LIMIT = 5000;
  const TYPES = {
    "Battles": "#d7301f", "Explosions/Remote violence": "#ff8c00", "Violence against civilians": "#7a0177",
    "Protests": "#1f78b4", "Riots": "#33a02c", "Strategic developments": "#6a6a6a",
  };
  // What ACLED's geo precision stands for, and the radius drawn around an approximate location.
  const PRECISION = { 1: ["exact place", 0], 2: ["near the named place", 5000], 3: ["a region or its seat", 25000] };
  const $ = id => document.getElementById(id);
  const state = PageState.read();
  const view = state.view || { zoom: 7, lat: 35.0, lon: 38.3 };
  const map = L.map("map", { minZoom: 2, maxZoom: 18 }).setView([view.lat, view.lon], view.zoom);
  // Clusters take the colour of the type most of their incidents have.
  const markers = L.markerClusterGroup({
    maxClusterRadius: 40, chunkedLoading: true,
    iconCreateFunction: cluster => {
      const counts = {};
      for (const m of cluster.getAllChildMarkers()) counts[m.feature.properties.event_type] = (counts[m.feature.properties.event_type] || 0) + 1;
      const top = Object.entries(counts).sort((x, y) => y[1] - x[1])[0][0];
      const n = cluster.getChildCount(), size = n < 10 ? 26 : n < 100 ? 32 : 40;
      return L.divIcon({ className: "", iconSize: [size, size],
        html: `<div class="gridcell" style="width:${size}px;height:${size}px;line-height:${size}px;background:${TYPES[top] || "#444"}">${n}</div>` });
    },
  }).addTo(map);
  const uncertainty = L.layerGroup().addTo(map);
  const grid = L.layerGroup().addTo(map);
  const radiusLayer = L.layerGroup().addTo(map);
  const clusterLayer = L.layerGroup().addTo(map);
  const searchLayer = L.layerGroup().addTo(map);
  // For tests and for people in the console: the map, the layers and what was last loaded.
  const page = window.atlasMap = { map, markers, grid, state, busy: 0, loads: 0, mode: "points", near: [], error: null };

  function say(text) { $("message").textContent = text; }
  function fail(error) { page.error = String(error); say(String(error)); }

  async function getJSON(path) {
    const response = await fetch(path);
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || `${path}: ${response.status}`);
    return body;
  }

  // Runs `work` counted in `page.busy`, so a test can wait until the page is quiet.
  async function busy(work) {
    page.busy++;
    try { return await work(); } catch (error) { fail(error); } finally { page.busy--; }
  }

  function escape(text) {
    return String(text ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  function viewBox() {
    const b = map.getBounds().pad(0.2);
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map(v => v.toFixed(5)).join(",");
  }

  function selection(extra = {}) {
    const params = PageState.selection(state);
    for (const [key, value] of Object.entries(extra)) if (value !== "" && value != null) params.set(key, value);
    return params.toString();
  }

  function popup(feature) {
    const p = feature.properties, [lon, lat] = feature.geometry.coordinates;
    const actors = [p.actor1, p.actor2].filter(Boolean).map(escape).join(" — ");
    const precision = PRECISION[p.geo_precision] || ["unknown", 0];
    return `<b>${escape(p.event_date)}</b> · ${escape(p.event_type)}${p.sub_event_type ? " / " + escape(p.sub_event_type) : ""}<br>`
      + `${actors || "no actor named"} · fatalities ${escape(p.fatalities)}<br>`
      + `${escape(p.location)}${p.admin1 ? ", " + escape(p.admin1) : ""} (${lat.toFixed(5)}, ${lon.toFixed(5)}); precision ${escape(p.geo_precision)}: ${precision[0]}<br>`
      + `<i>${escape(p.source)}</i><br><small>${escape(p.notes)}</small><br>`
      + (p.distance_m != null ? `${(p.distance_m / 1000).toFixed(2)} km from the centre<br>` : "")
      + `<a href="/collections/incidents/items/${encodeURIComponent(feature.id)}?f=json" target="_blank">GeoJSON</a>`;
  }

  // A marker per incident: filled when the place is exact, hollow for precision 2 and 3 (with
  // a circle of the uncertainty it stands for).
  function marker(feature) {
    const p = feature.properties, [lon, lat] = feature.geometry.coordinates;
    const colour = TYPES[p.event_type] || "#444";
    const exact = !(p.geo_precision >= 2);
    const icon = L.divIcon({
      className: "", iconSize: [14, 14],
      html: `<div class="incident ${exact ? "exact" : "approximate"}" style="width:14px;height:14px;background:${colour};border-color:${exact ? "#222" : colour}"></div>`,
    });
    const m = L.marker([lat, lon], { icon, title: `${p.event_date} ${p.location}` }).bindPopup(() => popup(feature), { maxWidth: 320 });
    const radius = (PRECISION[p.geo_precision] || [0, 0])[1];
    if (radius) {
      const circle = L.polygon(Geodesic.circle(lat, lon, radius, 72), { color: colour, weight: 1, dashArray: "3 3", fillOpacity: 0.08, interactive: false });
      m.on("popupopen", () => circle.addTo(map)).on("popupclose", () => circle.remove());
    }
    m.feature = feature;
    return m;
  }

  function showList(features, title) {
    page.listed = features.map(f => f.id);
    $("summary").textContent = title;
    const list = $("list");
    list.replaceChildren(...features.slice(0, 300).map(feature => {
      const p = feature.properties, item = document.createElement("li");
      item.dataset.id = feature.id;
      item.innerHTML = `${escape(p.event_date)} <b>${escape(p.location)}</b> ${escape(p.sub_event_type || p.event_type)}`
        + (p.distance_m != null ? ` · ${(p.distance_m / 1000).toFixed(1)} km` : "");
      item.onclick = () => {
        const [lon, lat] = feature.geometry.coordinates;
        map.setView([lat, lon], Math.max(map.getZoom(), 13));
        const m = markers.getLayers().find(layer => layer.feature && layer.feature.id === feature.id);
        if (m) markers.zoomToShowLayer(m, () => m.openPopup());
      };
      return item;
    }));
  }

  function listInView() {
    if (page.near.length) return;
    const bounds = map.getBounds();
    const inView = (page.features || []).filter(f => bounds.contains([f.geometry.coordinates[1], f.geometry.coordinates[0]]))
      .sort((x, y) => y.properties.event_date.localeCompare(x.properties.event_date) || x.id - y.id);
    showList(inView, page.mode === "grid" ? `${page.matched} incidents in view: zoom in for the list`
      : `${inView.length} incidents in view`);
  }

  function drawPoints(features) {
    markers.clearLayers(); uncertainty.clearLayers(); grid.clearLayers();
    markers.addLayers(features.map(marker));
    // Uncertainty circles only where they can be told apart; otherwise with the popup.
    if (features.length <= 100) {
      for (const f of features) {
        const radius = (PRECISION[f.properties.geo_precision] || [0, 0])[1];
        if (!radius) continue;
        const [lon, lat] = f.geometry.coordinates;
        L.polygon(Geodesic.circle(lat, lon, radius, 72), { color: TYPES[f.properties.event_type] || "#444", weight: 1, dashArray: "3 3", fillOpacity: 0.05, interactive: false }).addTo(uncertainty);
      }
    }
  }

  function drawGrid(answer) {
    markers.clearLayers(); uncertainty.clearLayers(); grid.clearLayers();
    const largest = Math.max(1, ...answer.cells.map(c => c[2]));
    for (const [lon, lat, count] of answer.cells) {
      const size = Math.round(16 + 28 * Math.sqrt(count / largest));
      L.marker([lat, lon], { icon: L.divIcon({ className: "", iconSize: [size, size],
        html: `<div class="gridcell" style="width:${size}px;height:${size}px;line-height:${size}px">${count}</div>` }) })
        .on("click", () => map.setView([lat, lon], map.getZoom() + 2)).addTo(grid);
    }
  }

  // Incidents in view: how many first; then every point, or the grid when there are too many.
  async function loadIncidents() {
    const ticket = ++page.loads;
    const bbox = page.bbox = viewBox();
    const count = await getJSON(`/collections/incidents/items?${selection({ bbox, limit: 1 })}`);
    if (ticket !== page.loads) return;
    page.matched = count.numberMatched;
    if (count.numberMatched > POINT_LIMIT) {
      const b = map.getBounds();
      const cell = Math.max(0.001, (b.getEast() - b.getWest()) / 40);
      const answer = await getJSON(`/collections/incidents/grid?${selection({ bbox, cell: cell.toPrecision(3) })}`);
      if (ticket !== page.loads) return;
      page.mode = "grid"; page.features = [];
      drawGrid(answer);
    } else {
      const features = await BaseLayers.allFeatures(`/collections/incidents/items?${selection({ bbox, limit: 10000 })}`);
      if (ticket !== page.loads) return;
      page.mode = "points"; page.features = features;
      drawPoints(features);
    }
    page.drawnAt = performance.now();
    listInView();
    say(`${count.numberMatched} incidents in view${page.mode === "grid" ? " (grid counts)" : ""}`);
  }

  async function loadStats() {
    const answer = await getJSON(`/collections/incidents/stats?${selection({ bbox: viewBox(), by: "week" })}`);
    const svg = $("stats"), groups = answer.groups, width = Math.max(20, groups.length), largest = Math.max(1, ...groups.map(g => g.incidents));
    svg.setAttribute("viewBox", `0 0 ${width} 100`);
    svg.innerHTML = groups.map((g, i) => {
      const h = 90 * g.incidents / largest;
      return `<rect x="${i + 0.1}" y="${100 - h}" width="0.8" height="${h}" fill="#b04030"><title>week of ${escape(g.key)}: ${g.incidents} incidents, ${g.fatalities} fatalities</title></rect>`;
    }).join("");
    page.weeks = groups;
  }

  async function loadClusters() {
    clusterLayer.clearLayers();
    if (!state.clusters) return;
    const answer = await getJSON(`/collections/incidents/clusters?${selection({ bbox: viewBox(), km: state.ckm || 5, minPoints: state.cmin || 3, days: state.cdays })}`);
    L.geoJSON(answer, {
      style: { color: "#005f73", weight: 2, fillOpacity: 0.12 },
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, { radius: 8 }),
      onEachFeature: (feature, layer) => {
        const p = feature.properties;
        layer.bindTooltip(`${p.size} incidents, ${p.first_date} – ${p.last_date}`, { permanent: p.size >= 3, direction: "center" });
      },
    }).addTo(clusterLayer);
    page.clusters = answer.features.length;
  }

  // The radius tool: the server's `near` answer (nearest first) and its geodesic circle.
  async function loadNear() {
    radiusLayer.clearLayers();
    page.near = [];
    if (!state.near) return;
    const [lat, lon] = state.near.split(",").map(Number), km = Number(state.km || 15);
    const features = await BaseLayers.allFeatures(`/collections/incidents/items?${selection({ near: state.near, km, limit: 10000 })}`);
    page.ring = Geodesic.circle(lat, lon, km * 1000);
    L.polygon(page.ring, { color: "#0050a0", weight: 2, fillOpacity: 0.06, interactive: false }).addTo(radiusLayer);
    L.circleMarker([lat, lon], { radius: 4, color: "#0050a0" }).addTo(radiusLayer);
    page.near = features;
    showList(features, `${features.length} incidents within ${km} km, nearest first`);
    say(`${features.length} incidents within ${km} km of ${lat.toFixed(4)}, ${lon.toFixed(4)}`);
    if (features.length) { drawPoints(features); page.features = features; }
  }

  // Reloads what depends on the view and the filters; `page.lastDrawMs` is how long the
  // incidents took to be drawn (the figure the scale measurement reports).
  async function refresh() {
    PageState.write(state, map);
    await busy(async () => {
      const started = performance.now();
      if (state.near) await loadNear(); else { radiusLayer.clearLayers(); page.near = []; await loadIncidents(); }
      page.lastDrawMs = performance.now() - started;
      await Promise.all([loadStats(), loadClusters()]);
    });
  }

  // Places: the gazetteer's best match for any spelling.
  async function findPlace(name) {
    const answer = await getJSON(`/places/search?${new URLSearchParams({ q: name, limit: 1 })}`);
    if (!answer.features.length) throw new Error(`no place matches '${name}'`);
    return answer.features[0];
  }

  function weekStart(date) {
    const d = new Date(date + "T00:00:00Z"), day = (d.getUTCDay() + 6) % 7;
    d.setUTCDate(d.getUTCDate() - day);
    return d.toISOString().slice(0, 10);
  }
  function addDays(date, days) {
    const d = new Date(date + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + days); return d.toISOString().slice(0, 10);
  }

  // Controls.
  function bind() {
    for (const [id, key] of [["from", "from"], ["to", "to"], ["type", "type"], ["actor", "actor"], ["admin1", "admin1"],
      ["ckm", "ckm"], ["cmin", "cmin"], ["cdays", "cdays"]]) {
      $(id).value = state[key] || $(id).value;
      $(id).addEventListener("change", () => { state[key] = $(id).value.trim(); refresh(); });
    }
    $("clusters").checked = !!state.clusters;
    $("clusters").addEventListener("change", () => { state.clusters = $("clusters").checked ? "1" : ""; refresh(); });
    $("km").value = state.km || 15;
    $("search").addEventListener("submit", event => {
      event.preventDefault();
      busy(async () => {
        const place = await findPlace($("place").value);
        const [lon, lat] = place.geometry.coordinates;
        searchLayer.clearLayers();
        L.circleMarker([lat, lon], { radius: 6, color: "#000", fillColor: "#ff0", fillOpacity: 1 }).bindTooltip(place.properties.name, { permanent: true }).addTo(searchLayer);
        page.found = place;
        map.flyTo([lat, lon], Math.max(map.getZoom(), 13), { duration: 0.6 });
      });
    });
    $("radius").addEventListener("submit", event => {
      event.preventDefault();
      busy(async () => {
        const place = await findPlace($("near").value);
        const [lon, lat] = place.geometry.coordinates;
        state.near = `${lat},${lon}`; state.km = $("km").value;
        await refresh();
        const bounds = radiusLayer.getLayers()[0];
        if (bounds) map.fitBounds(bounds.getBounds());
      });
    });
    let picking = false;
    $("pick").addEventListener("click", () => { picking = true; say("click the map for the centre of the radius"); });
    map.on("click", event => {
      if (!picking) return;
      picking = false;
      state.near = `${event.latlng.lat.toFixed(5)},${event.latlng.lng.toFixed(5)}`; state.km = $("km").value;
      refresh();
    });
    $("clear").addEventListener("click", () => { state.near = ""; refresh(); });
    let playing = null;
    $("week").addEventListener("input", () => {
      const week = (page.allWeeks || [])[Number($("week").value)];
      if (!week) return;
      state.from = week; state.to = addDays(week, 6);
      $("from").value = state.from; $("to").value = state.to;
      refresh();
    });
    $("play").addEventListener("click", () => {
      if (playing) { clearInterval(playing); playing = null; $("play").textContent = "▶"; return; }
      $("play").textContent = "❚❚";
      playing = setInterval(() => {
        const slider = $("week");
        if (Number(slider.value) >= Number(slider.max)) { clearInterval(playing); playing = null; $("play").textContent = "▶"; return; }
        slider.value = Number(slider.value) + 1;
        slider.dispatchEvent(new Event("input"));
      }, 1200);
    });
    let timer = null;
    map.on("moveend", () => { clearTimeout(timer); timer = setTimeout(refresh, 250); });
  }

  // The choices: types (ACLED's), governorates and actors as the data has them, and the weeks.
  async function options() {
    for (const [name, colour] of Object.entries(TYPES)) $("type").add(new Option(name, name));
    const [admin1, actors, weeks] = await Promise.all(["admin1", "actor", "week"].map(by => getJSON(`/collections/incidents/stats?by=${by}`)));
    for (const g of admin1.groups) if (g.key) $("admin1").add(new Option(`${g.key} (${g.incidents})`, g.key));
    $("actors").replaceChildren(...actors.groups.slice(0, 200).filter(g => g.key).map(g => new Option(g.key)));
    if (weeks.groups.length) {
      const first = weekStart(weeks.groups[0].key), last = weekStart(weeks.groups[weeks.groups.length - 1].key);
      page.allWeeks = [];
      for (let w = first; w <= last; w = addDays(w, 7)) page.allWeeks.push(w);
      $("week").max = page.allWeeks.length - 1;
      $("from").min = $("to").min = first; $("from").max = $("to").max = addDays(last, 6);
    }
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const div = L.DomUtil.create("div", "legend");
      div.innerHTML = Object.entries(TYPES).map(([name, colour]) => `<i style="background:${colour}"></i>${escape(name)}`).join("<br>")
        + `<br><i style="border:2px solid #444"></i>hollow: location approximate (precision 2, 3)`;
      return div;
    };
    legend.addTo(map);
  }

  bind();
  busy(async () => {
    await BaseLayers.countries(map);
    await options();
    // The selects have their options only now.
    $("type").value = state.type; $("admin1").value = state.admin1;
    await refresh();
    page.ready = true;
    await BaseLayers.regions(map);
    await BaseLayers.placeLabels(map);
  });
})();
