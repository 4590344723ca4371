"""Invented words for the families of `regie.demo.scale`: names, stories, goals, entries.
Every name is common in the Netherlands and belongs to nobody in particular."""

FIRST_NAMES = (
    "Sanne", "Mark", "Fatima", "Youssef", "Esther", "Jeroen", "Noa", "Daan", "Lotte", "Sem",
    "Amira", "Bilal", "Emma", "Lucas", "Julia", "Milan", "Sophie", "Levi", "Anouk", "Finn",
    "Sara", "Mohamed", "Lieke", "Thijs", "Nina", "Bram", "Yara", "Ruben", "Iris", "Mees",
    "Zeynep", "Emre", "Fleur", "Stijn", "Hanna", "Joep", "Ayla", "Gijs", "Maud", "Kevin",
)  # fmt: skip
LAST_NAMES = (
    "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "El Amrani", "Yilmaz", "Kaya", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "Koster", "Prins", "Huisman", "Postma", "Kuipers", "Bouzid", "Öztürk",
)  # fmt: skip
LANGUAGES = ("Nederlands", "Nederlands", "Nederlands", "Arabisch en Nederlands", "Turks", "Pools")
RELATIVES = (
    ("oma van moederskant", "female"),
    ("opa van vaderskant", "male"),
    ("tante", "female"),
    ("oom", "male"),
)
STORIES = (
    "Sinds de scheiding is het thuis onrustig. De kinderen slapen slecht en er is veel ruzie "
    "over kleine dingen. We willen weer rust in huis.",
    "Onze zoon gaat vaak niet naar school. Hij zit veel op zijn kamer en praat weinig. Wij "
    "weten niet goed hoe we hem kunnen helpen.",
    "Er zijn schulden en we moeten misschien verhuizen. Dat geeft veel spanning, ook voor de "
    "kinderen. We hebben hulp nodig om overzicht te krijgen.",
    "Onze dochter heeft veel driftbuien. Op school gaat het ook niet goed. We willen leren "
    "hoe we haar kunnen helpen rustig te worden.",
    "Mijn man is ziek en ik doe alles alleen. Het wordt me te veel. Mijn moeder helpt soms, "
    "maar zij woont ver weg.",
)
REQUESTS = (
    "Hoe krijgen we weer rust in huis?",
    "Hoe krijgen we onze zoon weer naar school?",
    "Wie helpt ons met de geldzaken, zodat we het zelf weer kunnen?",
    "Hoe leren we met de boosheid om te gaan?",
)
GOAL_TEXTS = (
    "De kinderen slapen weer door en gaan uitgerust naar school.",
    "We maken minder ruzie en praten rustig over wat er moet gebeuren.",
    "Onze zoon gaat elke dag naar school, ook als het moeilijk is.",
    "We hebben overzicht over de rekeningen en betalen op tijd.",
    "Oma past twee middagen in de week op, zodat ik tijd voor mezelf heb.",
    "Onze dochter weet wat ze kan doen als ze boos wordt.",
    "We eten elke avond samen aan tafel.",
    "Er is een vaste dag waarop de kinderen bij hun vader zijn.",
)
LIFE_WISHES = (
    "Een gewoon gezinsleven, zonder zorgen.",
    "Dat de kinderen zich veilig en gelukkig voelen.",
    "Dat we het weer zelf kunnen.",
)
ENTRY_TEXTS = (
    "Bij het huisbezoek was het rustig. Moeder vertelde dat de ochtenden beter gaan.",
    "Vader gaf aan dat hij het moeilijk vindt om grenzen te stellen als hij moe is.",
    "De school meldt dat de aanwezigheid deze maand beter is: twee dagen afwezig.",
    "Ik zag dat de kinderen ontspannen speelden terwijl wij praatten.",
    "Ik denk dat een vaste dagstructuur het gezin kan helpen.",
    "Moeder lijkt overbelast; ik denk dat steun uit het netwerk nodig is.",
    "In het gesprek met de jongere kwam naar voren dat hij zich gepest voelt.",
    "De ouders hebben samen het rooster voor de week gemaakt. Dat ging goed.",
    "Er zijn nieuwe betalingsachterstanden. De ouders willen hulp van de schuldhulp.",
    "Ik schat in dat de situatie veilig is; de zorgen gaan over de ruzies, niet over geweld.",
)
REACTION_COMMENTS = (
    "",
    "",
    "Zo was het precies.",
    "Het was minder erg dan hier staat.",
    "Dit klopt niet: ik was die dag ziek.",
)
