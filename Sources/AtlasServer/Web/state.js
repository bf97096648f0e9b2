// The page's state (view, dates, filters, radius, clusters) and its URL hash, so a view can be
// shared as a link: #map=ZOOM/LAT/LON&from=…&to=…&type=…&actor=…&admin1=…&near=LAT,LON&km=…
"use strict";
const PageState = (() => {
  const keys = ["from", "to", "type", "actor", "admin1", "near", "km", "clusters", "ckm", "cmin", "cdays"];

  // The state in the current hash: {view: {zoom, lat, lon} or null, from, to, …} (strings).
  function read() {
    const params = new URLSearchParams(location.hash.slice(1));
    const state = { view: null };
    const view = (params.get("map") || "").split("/").map(Number);
    if (view.length === 3 && view.every(Number.isFinite)) state.view = { zoom: view[0], lat: view[1], lon: view[2] };
    for (const key of keys) state[key] = params.get(key) || "";
    return state;
  }

  // Writes `state` to the hash without a history entry per pan.
  function write(state, map) {
    const params = new URLSearchParams();
    const c = map.getCenter();
    params.set("map", `${map.getZoom()}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`);
    for (const key of keys) if (state[key]) params.set(key, state[key]);
    history.replaceState(null, "", "#" + params.toString().replaceAll("%2F", "/").replaceAll("%2C", ","));
  }

  // The selection parameters of the API (items, stats, clusters, grid) for `state`.
  function selection(state) {
    const params = new URLSearchParams();
    if (state.from || state.to) params.set("datetime", `${state.from || ".."}/${state.to || ".."}`);
    if (state.type) params.set("event_type", state.type);
    if (state.actor) params.set("actor", state.actor);
    if (state.admin1) params.set("admin1", state.admin1);
    return params;
  }

  return { read, write, selection };
})();
