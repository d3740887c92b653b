/*
 * Leaflet.draw's toolbar titles and drawing tooltips in the page's language.
 *
 * django-leaflet translates them on the server from its own catalog, which has
 * no Arabic, so the Arabic admin said "Draw a marker". The strings here come
 * from our JavaScript catalog (/<lang>/jsi18n/, loaded before this file), which
 * ./scripts/messages fills. A static file: the Content-Security-Policy forbids
 * inline scripts.
 */
(function () {
    "use strict";

    function localise() {
        // The catalog's global gettext: the admin's jquery.init.js replaces window.django after it loads.
        var gettext = window.gettext || function (text) { return text; };
        if (!window.L || !L.drawLocal) {
            return;
        }
        var draw = L.drawLocal.draw;
        var edit = L.drawLocal.edit;
        draw.toolbar.actions.title = gettext("Cancel drawing");
        draw.toolbar.actions.text = gettext("Cancel");
        draw.toolbar.finish.title = gettext("Finish drawing");
        draw.toolbar.finish.text = gettext("Finish");
        draw.toolbar.undo.title = gettext("Delete last point drawn");
        draw.toolbar.undo.text = gettext("Delete last point");
        draw.toolbar.buttons.polyline = gettext("Draw a line");
        draw.toolbar.buttons.polygon = gettext("Draw a polygon");
        draw.toolbar.buttons.rectangle = gettext("Draw a rectangle");
        draw.toolbar.buttons.circle = gettext("Draw a circle");
        draw.toolbar.buttons.marker = gettext("Draw a marker");
        draw.toolbar.buttons.circlemarker = gettext("Draw a circle marker");
        draw.handlers.circle.tooltip.start = gettext("Click and drag to draw a circle.");
        draw.handlers.circle.radius = gettext("Radius");
        draw.handlers.circlemarker.tooltip.start = gettext("Click the map to place a circle marker.");
        draw.handlers.marker.tooltip.start = gettext("Click the map to place the marker.");
        draw.handlers.polygon.tooltip.start = gettext("Click to start drawing the shape.");
        draw.handlers.polygon.tooltip.cont = gettext("Click to continue drawing the shape.");
        draw.handlers.polygon.tooltip.end = gettext("Click the first point to close the shape.");
        // Shown with innerHTML by Leaflet.draw: plain text only, whatever the translation.
        draw.handlers.polyline.error = escapeHtml(gettext("Error: the shape's edges cannot cross."));
        draw.handlers.polyline.tooltip.start = gettext("Click to start drawing the line.");
        draw.handlers.polyline.tooltip.cont = gettext("Click to continue drawing the line.");
        draw.handlers.polyline.tooltip.end = gettext("Click the last point to finish the line.");
        draw.handlers.rectangle.tooltip.start = gettext("Click and drag to draw a rectangle.");
        draw.handlers.simpleshape.tooltip.end = gettext("Release the mouse to finish drawing.");
        edit.toolbar.actions.save.title = gettext("Save changes");
        edit.toolbar.actions.save.text = gettext("Save");
        edit.toolbar.actions.cancel.title = gettext("Cancel editing and discard the changes");
        edit.toolbar.actions.cancel.text = gettext("Cancel");
        edit.toolbar.actions.clearAll.title = gettext("Clear all layers");
        edit.toolbar.actions.clearAll.text = gettext("Clear all");
        edit.toolbar.buttons.edit = gettext("Edit layers");
        edit.toolbar.buttons.editDisabled = gettext("No layers to edit");
        edit.toolbar.buttons.remove = gettext("Delete layers");
        edit.toolbar.buttons.removeDisabled = gettext("No layers to delete");
        edit.handlers.edit.tooltip.text = gettext("Drag the handles or the marker to edit.");
        edit.handlers.edit.tooltip.subtext = gettext("Click Cancel to undo the changes.");
        edit.handlers.remove.tooltip.text = gettext("Click a shape to remove it.");
    }

    function escapeHtml(text) {
        var element = document.createElement("span");
        element.textContent = text;
        return element.innerHTML;
    }

    // django-leaflet's own leaflet.draw.i18n.js runs in the widget's markup and
    // writes its (English) strings; DOMContentLoaded comes after it and before
    // the "load" event on which the widget builds its maps and toolbars.
    document.addEventListener("DOMContentLoaded", localise);
})();
