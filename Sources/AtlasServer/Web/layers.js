// The base map: bundled Natural Earth country outlines (or a raster tile server chosen with
// `atlas serve --tiles`), governorate boundaries when regions are loaded, and gazetteer place
// labels by zoom, largest places first.
"use strict";
const BaseLayers = (() => {
  // GeoJSON features of every page of `url` (follows the `next` links; same origin only).
  async function allFeatures(url) {
    const features = [];
    while (url) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      const page = await response.json();
      features.push(...page.features);
      const next = (page.links || []).find(link => link.rel === "next");
      url = next ? new URL(next.href, location.href).pathname + new URL(next.href, location.href).search : null;
    }
    return features;
  }

  async function countries(map) {
    const config = await (await fetch("/map/config.json")).json();
    if (config.tiles) {
      L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
      return;
    }
    const outlines = await (await fetch("/map/countries.geojson")).json();
    L.geoJSON(outlines, { style: { color: "#8a8a80", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1 }, interactive: false }).addTo(map);
    map.attributionControl.addAttribution("Outlines: Natural Earth (public domain)");
  }

  async function regions(map) {
    const features = await allFeatures("/collections/regions/items?limit=100");
    if (features.length === 0) return;
    L.geoJSON({ type: "FeatureCollection", features }, {
      style: { color: "#6b5b95", weight: 1.5, dashArray: "4 3", fill: false },
      onEachFeature: (feature, layer) => layer.bindTooltip(feature.properties.name || String(feature.id), { sticky: true }),
    }).addTo(map);
  }

  // The smallest population a place needs to be labelled at `zoom` (capitals and governorate
  // seats always; every place from zoom 12).
  function minimumPopulation(zoom) {
    if (zoom >= 12) return 0;
    if (zoom >= 10) return 5000;
    if (zoom >= 8) return 50000;
    return Infinity;
  }

  // Labels for the places in view: the gazetteer's places with a population or a seat's feature
  // code are read once (a few hundred); at zoom 12 and more, every place in view.
  async function placeLabels(map) {
    const group = L.layerGroup().addTo(map);
    const all = await allFeatures("/collections/places/items?limit=10000");
    const seats = new Set(["P.PPLC", "P.PPLA"]);
    const ranked = all
      .filter(f => seats.has(f.properties.feature_code) || f.properties.population > 0)
      .sort((x, y) => (seats.has(y.properties.feature_code) - seats.has(x.properties.feature_code)) || (y.properties.population - x.properties.population));
    function draw() {
      group.clearLayers();
      const bounds = map.getBounds().pad(0.1), zoom = map.getZoom(), floor = minimumPopulation(zoom);
      let shown = 0;
      for (const place of zoom >= 12 ? all : ranked) {
        const p = place.properties, [lon, lat] = place.geometry.coordinates;
        if (!(seats.has(p.feature_code) || p.population >= floor) || !bounds.contains([lat, lon])) continue;
        L.tooltip({ permanent: true, direction: "right", className: "placelabel", interactive: false })
          .setLatLng([lat, lon]).setContent(p.name).addTo(group);
        if (++shown >= 150) break;
      }
    }
    map.on("zoomend moveend", draw);
    draw();
  }

  return { countries, regions, placeLabels, allFeatures };
})();
