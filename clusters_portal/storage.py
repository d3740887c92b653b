from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed files, with ES module imports hashed too.

    The map is native ES modules: without this, main.<hash>.js (cached for a
    year) would import ./data.js by its plain name, which changes under it on
    the next deploy.
    """

    support_js_module_import_aggregation = True
