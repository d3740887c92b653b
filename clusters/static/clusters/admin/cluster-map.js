/*
 * The cluster form's maps (django-leaflet widgets): draw the selected
 * governorate's boundary on them for orientation, and keep a dragged point
 * from being lost when someone saves the form without first pressing the
 * edit toolbar's own "Save".
 *
 * A static file, not an inline script, so a Content-Security-Policy can forbid
 * inline scripts. The boundary comes from an admin-only view whose address is
 * in the governorate select's data-boundary-url. Every governorate is drawn
 * faintly underneath (data-governorates-url, the public API's simplified
 * outlines), so the map still shows Egypt when the tile server does not answer.
 */
(function () {
    "use strict";

    var maps = [];          // {map, fieldId}
    var boundary = null;    // the GeoJSON now shown, or null
    var requested = null;   // the governorate id last asked for
    var listening = false;
    var STYLE = {color: "#b03a2e", weight: 2, dashArray: "6 4", fill: true, fillOpacity: 0.04};
    var ALL_STYLE = {color: "#5f6f7a", weight: 1, opacity: 0.6, fill: true, fillColor: "#5f6f7a", fillOpacity: 0.04};
    var outlines = null;    // every governorate's GeoJSON, once loaded

    // django-leaflet reads its forced image path when its script loads in the
    // admin's <head>, before the widget has written that path into the body;
    // read it again once the body is there, or the point marker is a broken
    // image under hashed (production) static files.
    document.addEventListener("DOMContentLoaded", function () {
        var element = document.getElementById("force-img-path");
        var path = element && JSON.parse(element.textContent);
        if (path && window.L) {
            L.Icon.Default.imagePath = path;
        }
    });

    function governorateSelect() {
        return document.getElementById("id_governorate");
    }

    function drawOutlines(entry) {
        if (!outlines || entry.outlines) {
            return;
        }
        entry.outlines = L.geoJSON(outlines, {style: ALL_STYLE, className: "admin-governorates", interactive: false}).addTo(entry.map);
        entry.outlines.bringToBack();
    }

    function loadOutlines() {
        var select = governorateSelect();
        var url = select && select.getAttribute("data-governorates-url");
        if (!url) {
            return;
        }
        fetch(url, {credentials: "same-origin", headers: {Accept: "application/geo+json, application/json"}})
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) {
                outlines = data;
                maps.forEach(drawOutlines);  // at the back, under the chosen governorate and the shapes
            })
            .catch(function () { /* orientation only: the form works without it */ });
    }

    function draw(entry) {
        if (entry.layer) {
            entry.map.removeLayer(entry.layer);
            entry.layer = null;
        }
        if (!boundary) {
            return;
        }
        entry.layer = L.geoJSON(boundary, {style: STYLE, className: "admin-governorate-boundary", interactive: false}).addTo(entry.map);
        entry.layer.bringToBack();
        if (entry.outlines) {
            entry.outlines.bringToBack();
        }
        var field = document.getElementById(entry.fieldId);
        // With nothing drawn yet, show the governorate rather than all of Egypt.
        if (field && !field.value.trim()) {
            entry.map.fitBounds(entry.layer.getBounds());
        }
    }

    function refresh() {
        var select = governorateSelect();
        var id = select ? select.value : "";
        if (!id) {
            boundary = null;
            requested = null;
            maps.forEach(draw);
            return;
        }
        if (id === requested) {
            return;
        }
        requested = id;
        var url = select.getAttribute("data-boundary-url") + "?id=" + encodeURIComponent(id);
        fetch(url, {credentials: "same-origin", headers: {Accept: "application/geo+json"}})
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) {
                if (requested !== id) {
                    return;  // the selection changed while this was loading
                }
                boundary = data;
                maps.forEach(draw);
            })
            .catch(function () { /* orientation only: the form works without it */ });
    }

    function commitOpenEdits() {
        maps.forEach(function (entry) {
            var control = entry.map["drawControl" + entry.fieldId];
            var toolbar = control && control._toolbars && control._toolbars.edit;
            if (toolbar && toolbar._activeMode && typeof toolbar._save === "function") {
                toolbar._save();  // fires draw:edited, which writes the geometry into the form field
            }
        });
    }

    window.addEventListener("map:init", function (event) {
        var detail = event.detail || {};
        var mapId = detail.id || "";
        var entry = {map: detail.map, fieldId: mapId.replace(/-map$/, ""), layer: null, outlines: null};
        maps.push(entry);
        drawOutlines(entry);
        draw(entry);
        if (!listening) {
            listening = true;
            var select = governorateSelect();
            if (select) {
                select.addEventListener("change", refresh);
            }
            var form = document.getElementById("cluster_form");
            if (form) {
                form.addEventListener("submit", commitOpenEdits, true);
            }
            refresh();
            loadOutlines();
        }
    });
})();
