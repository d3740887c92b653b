"""Staff accounts in their roles: what manage.py create_staff_user does, as a plain function."""

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusters.roles import EDITORS, PUBLISHERS, roles_ensure

# The names people type, for the groups the roles migration creates.
STAFF_ROLES = {"editor": EDITORS, "publisher": PUBLISHERS}


def staff_password_check(username: str, password: str, email: str = "") -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS); raises ValidationError."""
    password_validation.validate_password(password, user=get_user_model()(username=username, email=email))


@transaction.atomic
def staff_user_create(username: str, role: str, password: str, email: str = ""):
    """A new active staff account in one role (editor or publisher), its password validated first."""
    User = get_user_model()
    if role not in STAFF_ROLES:
        raise ValidationError({"role": [_("Unknown role %(role)s: give editor or publisher.") % {"role": role}]})
    username = User.normalize_username(username.strip())
    if not username:
        raise ValidationError({"username": [_("Give a user name.")]})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": [
            _("A user named %(name)s already exists; change a password with manage.py changepassword %(name)s.")
            % {"name": username}]})
    try:
        staff_password_check(username, password, email)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user = User.objects.create_user(username, email=email or "", password=password, is_staff=True)
    # The groups come from a migration; made again here if someone deleted them.
    roles_ensure()
    user.groups.add(Group.objects.get(name=STAFF_ROLES[role]))
    return user
