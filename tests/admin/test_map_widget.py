"""The admin map widget works with the hashed static files production serves."""

import json
import re

from django.test import override_settings

from tests.support.admin import admin_url


@override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
)
def test_marker_images_have_a_forced_path(editor_client, one_cluster):
    # Leaflet would guess its image folder from a hashed CSS url() and miss.
    from django.contrib.staticfiles.storage import staticfiles_storage

    staticfiles_storage.manifest_strict = False
    response = editor_client.get(admin_url("clusters_cluster_change", one_cluster.pk))
    assert response.status_code == 200
    match = re.search(r'<script id="force-img-path" type="application/json">(.*?)</script>', response.content.decode())
    assert match, "the widget must carry Leaflet's image path"
    assert json.loads(match.group(1)).endswith("/static/leaflet/images/")
