// Footprint polygons, from zoom 12 on: fetched once, lazily, since most
// visitors never zoom that far and the point collection is the one request
// the map needs to start.

import { fetchJson } from './data.js';

const L = globalThis.L;
export const FOOTPRINT_MIN_ZOOM = 12;

export function createFootprints(map, url, { onChoose }) {
  const layer = L.geoJSON(null, {
    style: (feature) => ({
      color: feature.properties.sector.color,
      weight: 2,
      fillColor: feature.properties.sector.color,
      fillOpacity: 0.2,
    }),
    onEachFeature: (feature, polygon) => {
      polygon.on('click', () => onChoose(feature.properties.slug));
    },
  });
  let features = null;
  let loading = null;
  // The records shown; their slugs are gathered only once footprints are loaded (zoom 12 on).
  let visible = [];

  function redraw() {
    layer.clearLayers();
    if (!features) return;
    const slugs = new Set(visible.map((record) => record.slug));
    layer.addData({ type: 'FeatureCollection', features: features.filter((f) => slugs.has(f.properties.slug)) });
  }

  async function update() {
    if (map.getZoom() < FOOTPRINT_MIN_ZOOM) {
      layer.remove();
      return;
    }
    if (!features) {
      loading = loading || fetchJson(url).then((data) => { features = data.features || []; });
      try {
        await loading;
      } catch (error) {
        loading = null; // try again on the next zoom
        return;
      }
      redraw();
    }
    if (map.getZoom() >= FOOTPRINT_MIN_ZOOM) layer.addTo(map);
  }

  map.on('zoomend', update);
  return {
    setVisible(records) {
      visible = records;
      redraw();
    },
    update,
  };
}
