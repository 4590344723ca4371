"""Issue an API client for an organisation's system; prints the token once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.accounts.models import Organisation, User
from regie.api.services import ClientRefused, issue_client


class Command(BaseCommand):
    help = "Maak een API-koppeling voor een organisatie, namens één hulpverlener."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="naam van de organisatie")
        parser.add_argument("--user", required=True, help="gebruikersnaam van de hulpverlener")
        parser.add_argument("--name", required=True, help="naam van de koppeling")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"Organisatie niet gevonden: {options['organisation']}")
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Gebruiker niet gevonden: {options['user']}")
        try:
            client, token = issue_client(
                organisation=organisation, acting_user=user, name=options["name"]
            )
        except ClientRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Koppeling '{client.name}' aangemaakt. Token (wordt één keer getoond):")
        self.stdout.write(token)
