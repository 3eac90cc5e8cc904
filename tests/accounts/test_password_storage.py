"""Passwords are stored with the configured hashers (scrypt first), not the quick one the other
tests sign in with (tests/conftest.py), and a stored hash of an older configured hasher is
upgraded to scrypt at the next sign-in."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password
from django.test import override_settings

from tests.conftest import QUICK_HASHERS
from wijkkracht.accounts.models import User
from wijkkracht.conf import settings as configured

PASSWORD = "Wijkteam-Transvaal-2026"
pytestmark = pytest.mark.django_db


def test_the_configured_hashers_are_scrypt_then_pbkdf2_and_not_the_tests_quick_one():
    assert configured.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.ScryptPasswordHasher"
    assert not set(QUICK_HASHERS) & set(configured.PASSWORD_HASHERS)


@override_settings(PASSWORD_HASHERS=configured.PASSWORD_HASHERS)
def test_a_password_is_stored_with_scrypt_and_checks():
    user = User.objects.create_user(username="marieke", password=PASSWORD)
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "scrypt"
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD) and not user.check_password(PASSWORD + "x")


@override_settings(PASSWORD_HASHERS=configured.PASSWORD_HASHERS)
def test_a_pbkdf2_hash_is_upgraded_to_scrypt_at_sign_in(client):
    user = User.objects.create(username="marieke",
                               password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
    assert identify_hasher(user.password).algorithm == "pbkdf2_sha256"
    client.post("/account/aanmelden", {"username": "marieke", "password": PASSWORD})
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "scrypt"
