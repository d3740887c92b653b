"""`manage.py check --deploy` is clean with the production environment README documents."""

import secrets
import subprocess

from tests.support.appserver import ROOT, VENV_BIN, production_env


def _check(**env) -> subprocess.CompletedProcess:
    environment = production_env("postgis://portal:secret@db.example.org:5432/clusters", **env)
    environment.pop("STATICFILES_BACKEND")  # production serves hashed, compressed files
    return subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = _check(
        HTTPS="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="clusters.example.org",
        PROXY_SSL_HEADER="X-Forwarded-Proto",
        RATE_LIMIT_ENABLED="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_without_https_check_deploy_complains():
    result = _check(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="clusters.example.org")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr + result.stdout
