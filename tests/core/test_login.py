"""Login: lockout after repeated failures, argon2 hashes, two-factor enforced for the
functioneel beheerder, session expiry settings."""

from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.core.roles import Role
from tests.conftest import PASSWORD


def test_login_and_logout(world, client):
    response = client.post(reverse("login"), {"username": "klantmanager", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_lockout_after_repeated_failures(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        bad = client.post(reverse("login"), {"username": "klantmanager", "password": "fout"})
        assert bad.status_code in (200, 429)
    locked = client.post(reverse("login"), {"username": "klantmanager", "password": PASSWORD})
    assert locked.status_code == 429
    assert "tijdelijk geblokkeerd" in locked.content.decode()


def test_wrong_password_message_is_dutch(world, client):
    response = client.post(reverse("login"), {"username": "klantmanager", "password": "fout"})
    assert "gebruikersnaam en wachtwoord is onjuist" in response.content.decode()


def test_production_hasher_is_argon2(world):
    from django.contrib.auth.hashers import make_password

    assert settings.PASSWORD_HASHERS  # overridden in tests for speed; production:
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        assert identify_hasher(make_password("x" * 12)).algorithm == "argon2"
    from regie import settings as regie_settings

    assert regie_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_beheerder_must_set_up_two_factor(world, client):
    client.post(reverse("login"), {"username": "beheerder", "password": PASSWORD})
    response = client.get(reverse("audit_log"))
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor_setup")
    setup = client.get(reverse("two_factor_setup"))
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=world.users[Role.BEHEERDER], confirmed=False)
    wrong = client.post(reverse("two_factor_setup"), {"token": "000000"})
    assert "klopt niet" in wrong.content.decode()
    # django-otp throttles after a wrong code; the user waits, the test resets it.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    token = f"{TOTP(device.bin_key).token():06d}"
    client.post(reverse("two_factor_setup"), {"token": token})
    assert client.get(reverse("audit_log")).status_code == 200


def test_confirmed_device_asks_for_code_after_password(world, client):
    user = world.users[Role.BEHEERDER]
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.post(reverse("login"), {"username": "beheerder", "password": PASSWORD})
    assert client.get(reverse("home"))["Location"] == reverse("two_factor_verify")
    client.post(reverse("two_factor_verify"), {"token": f"{TOTP(device.bin_key).token():06d}"})
    assert client.get(reverse("home")).status_code == 200


def test_two_factor_is_optional_for_other_roles(world, client):
    client.post(reverse("login"), {"username": "klantmanager", "password": PASSWORD})
    assert client.get(reverse("home")).status_code == 200


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


# --- issue 17, M5: no open redirect after any login step -------------------------------

EVIL = ["https://evil.example/phish", "//evil.example/phish", "http://evil.example/"]


def _code_step(world, client, next_url):
    user = world.users[Role.BEHEERDER]
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.post(reverse("login"), {"username": "beheerder", "password": PASSWORD})
    return client.post(
        f"{reverse('two_factor_verify')}?next={next_url}",
        {"token": f"{TOTP(device.bin_key).token():06d}"},
    )


def test_code_step_does_not_redirect_off_site(world, client):
    for target in EVIL:
        client.logout()
        TOTPDevice.objects.all().delete()
        response = _code_step(world, client, target)
        assert response.status_code == 302
        assert response["Location"] == reverse("home"), target
    # The code step still returns to a page of Regie itself.
    client.logout()
    TOTPDevice.objects.all().delete()
    response = _code_step(world, client, reverse("audit_log"))
    assert response["Location"] == reverse("audit_log")
    assert client.get(reverse("audit_log")).status_code == 200


def test_password_step_and_logout_do_not_redirect_off_site(world, client):
    for target in EVIL:
        response = client.post(
            f"{reverse('login')}?next={target}",
            {"username": "klantmanager", "password": PASSWORD, "next": target},
        )
        assert response.status_code == 302
        assert "evil.example" not in response["Location"]
        out = client.post(f"{reverse('logout')}?next={target}", {"next": target})
        assert out["Location"] == reverse("login")
