"""Logging in as someone who passed the second factor (A6).

Professionals and administrators must pass a second factor before they reach any page
but the account pages. Tests that only need "a logged-in professional" use
`login_verified(client, user)` instead of `client.force_login(user)`:

    client = Client()
    login_verified(client, cast.wijkteam_user)
    assert client.get(plan_url).status_code == 200
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import User


def confirmed_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator app, made when they have none yet."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Testtelefoon", confirmed=True)
    return device


def login_verified(client: Client, user: User) -> TOTPDevice:
    """`client.force_login(user)`, and this session counts as having passed the second
    factor with the user's (possibly new) authenticator app."""
    device = confirmed_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def current_code(device: TOTPDevice) -> str:
    """The code the person's app shows now."""
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(code).zfill(device.digits)


def client_for(user: User) -> Client:
    """A client logged in as `user`, past the second factor where Regie asks one (A6)."""
    client = Client()
    if user.needs_two_factor:
        login_verified(client, user)
    else:
        client.force_login(user)
    return client
