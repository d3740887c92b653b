# The import tests' staff client and media folder, shared rather than copied.
from tests.import_jobs.conftest import media, staff, staff_client  # noqa: F401
