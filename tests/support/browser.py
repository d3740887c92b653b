"""Steps browser tests share (the Playwright fixtures themselves are in tests/browser/conftest.py)."""


def admin_login(page, base_url: str, username: str, password: str, next_path: str) -> None:
    """Log in through the real admin form and land on next_path."""
    page.goto(f"{base_url}/en/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base_url}{next_path}")
