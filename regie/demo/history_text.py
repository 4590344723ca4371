"""Invented words for the closed plans of `regie.demo.history`: what each step of a short
plan records. Names come from `regie.demo.scale_text`; nothing here is about a real family."""

WISHES = (
    "Dat er thuis weer gewoon gelachen wordt.",
    "Dat ik weer energie heb voor de kinderen.",
    "Dat we niet meer elke ochtend ruzie hebben.",
    "Dat ik weet wat ik moet doen als het misgaat.",
)
PICTURES = (
    "Er is veel spanning thuis; ouders willen graag leren hoe het anders kan. Geen "
    "zorgen over de veiligheid, wel over school.",
    "Moeder is overbelast en het netwerk is klein. De kinderen merken de spanning. De "
    "problemen zijn matig ernstig en iedereen wil meedoen.",
    "Het kind verzuimt veel en trekt zich terug. Ouders en school zien hetzelfde en willen "
    "samen optrekken.",
)
SAFETY_GOAL = "De kinderen zijn veilig thuis: er wordt niet geslagen en niet gedreigd."
FAMILY_DOES = (
    "Ouders spreken elke week samen af wie wat doet.",
    "Moeder houdt een dagritme bij op de koelkast.",
    "Vader brengt de kinderen voortaan zelf naar school.",
)
NETWORK_DOES = (
    "Oma past twee middagen per week op.",
    "Een buurvrouw is noodadres als het thuis te veel wordt.",
    "Een oom helpt met de post en de rekeningen.",
)
NOT_OFFERED = "Het gezin is dit jaar al met een familiegroepsplan bezig geweest."
FAMILY_PLAN = "Met opa, oma en de tante hebben we afgesproken wie wanneer bijspringt."
DECLINED = "We willen de familie hier liever niet bij betrekken."
# Professional help: a title and the catalogue's example intervention.
HELP = (
    ("Gezinscoaching thuis", "voorbeeld-gezinscoaching-thuis"),
    ("Oudertraining in een groep", "voorbeeld-samen-sterk-opvoeden"),
    ("Training voor de jongere: omgaan met boosheid", "voorbeeld-rustig-aan-training"),
)
OWN_WAY = "Zelf regelen met het netwerk"
PROS = "Past bij wat het gezin wil en kan snel beginnen."
CONS = "Vraagt veel tijd van de ouders."
RATIONALE = "Dit past het best bij de doelen; het gezin koos zelf."
AFTERCARE = "Na afloop twee contactmomenten met het wijkteam."
WORKING = "De samenwerking gaat goed; afspraken worden nagekomen."
REASONS = "Er is vooruitgang, al gaat het soms langzaam."
STATUS_REACHED = "Het gezin en de hulpverlener vinden dit doel bereikt."
STATUS_STOPPED = "We stoppen met dit doel nu de hulp afloopt."
CONTACT = "Over drie maanden belt de zorgcoördinator om te horen hoe het gaat."
RELAPSE = "Bij terugval belt het gezin het wijkteam; dan kijken we samen opnieuw."
SUMMARY = "De hulp is afgerond; de afspraken voor de nazorg staan in het plan."
