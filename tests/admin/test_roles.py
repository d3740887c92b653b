"""The two staff roles: what each group holds, and that making them again never takes anything away."""

from django.contrib.auth.models import Group, Permission

from clusters.roles import EDITORS, PUBLISHERS, role_label, roles_ensure


def codenames(name, app_label="clusters"):
    # Only this app's: the sub-apps (contributions, programmes) give the same groups their own permissions.
    permissions = Group.objects.get(name=name).permissions.filter(content_type__app_label=app_label)
    return set(permissions.values_list("codename", flat=True))


def test_editors_edit_but_neither_publish_nor_delete(roles):
    assert codenames(EDITORS) == {"add_cluster", "change_cluster", "view_cluster", "view_sector", "view_governorate"}


def test_publishers_also_publish_and_delete(roles):
    assert codenames(PUBLISHERS) == codenames(EDITORS) | {"publish_cluster", "delete_cluster"}


def test_roles_ensure_is_idempotent_and_keeps_permissions_given_by_hand(roles):
    extra = Permission.objects.get(codename="change_sector")
    Group.objects.get(name=PUBLISHERS).permissions.add(extra)
    assert roles_ensure() == {EDITORS: 0, PUBLISHERS: 0}
    assert "change_sector" in codenames(PUBLISHERS)


def test_group_names_are_fixed_and_only_their_display_is_translated(roles):
    from django.utils import translation

    with translation.override("ar"):
        assert Group.objects.filter(name="Cluster editors").exists()
        assert isinstance(role_label(EDITORS), str)


def test_both_roles_review_contributions_and_only_publishers_delete_them(roles):
    from clusters.contributions.roles import contribution_roles_ensure

    contribution_roles_ensure()
    assert codenames(EDITORS, "contributions") == {"view_contribution", "change_contribution"}
    assert codenames(PUBLISHERS, "contributions") == {"view_contribution", "change_contribution",
                                                      "delete_contribution"}
