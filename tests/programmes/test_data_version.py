"""A change to programmes or support moves the API's data version, as a cluster change does."""

from clusters.etags import data_version
from clusters.programmes.models import Support
from tests.support.programmes import make_organisation, make_programme


def test_programme_organisation_and_support_writes_move_the_version(seeded):
    before = data_version()
    organisation = make_organisation()
    after_organisation = data_version()
    assert after_organisation > before
    make_programme(organisations=[organisation])
    after_programme = data_version()
    assert after_programme > after_organisation
    Support.objects.update(summary_en="changed")
    assert data_version() > after_programme
