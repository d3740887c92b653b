// Governorate boundaries shaded by how many clusters match: drawn from our own
// API, so the map still means something when the tile server is down.

const L = globalThis.L;

// A sequential blue ramp, apart from the sector colours (browns, reds, greens).
const RAMP = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const NONE = '#f7f7f7';

function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

// Up to five classes of equal, round width from 1 to the largest count:
// [{from, to, color}], plus 0 in its own pale class.
export function classesFor(maxCount) {
  if (maxCount <= 0) return [];
  const step = maxCount <= RAMP.length ? 1 : niceStep(maxCount / RAMP.length);
  const classes = [];
  for (let from = 1; from <= maxCount && classes.length < RAMP.length; from += step) {
    classes.push({ from, to: from + step - 1, color: RAMP[classes.length] });
  }
  classes[classes.length - 1].to = Infinity;
  return classes;
}

function colorFor(count, classes) {
  if (!count) return NONE;
  const found = classes.find((c) => count >= c.from && count <= c.to);
  return found ? found.color : classes[classes.length - 1].color;
}

export function createChoropleth(map, attribution) {
  map.createPane('governorates');
  map.getPane('governorates').style.zIndex = 350; // under markers and footprints
  const layer = L.geoJSON(null, {
    pane: 'governorates',
    interactive: false,
    attribution,
    style: () => ({ color: '#5f6b73', weight: 1, fillColor: NONE, fillOpacity: 0.7 }),
  }).addTo(map);
  let classes = [];
  let counts = new Map();

  function restyle() {
    layer.eachLayer((polygon) => {
      const count = counts.get(polygon.feature.properties.iso_code) || 0;
      polygon.setStyle({ fillColor: colorFor(count, classes) });
    });
  }

  return {
    load(collection) {
      layer.addData(collection);
      restyle();
    },
    // Shade by the clusters now shown; the classes stay fixed from the full
    // data so the colours mean the same thing whatever the filter.
    setCounts(newCounts, maxOfAll) {
      counts = newCounts;
      classes = classesFor(maxOfAll);
      restyle();
      return classes;
    },
  };
}

export function countByGovernorate(records) {
  const counts = new Map();
  for (const record of records) counts.set(record.governorate, (counts.get(record.governorate) || 0) + 1);
  return counts;
}
