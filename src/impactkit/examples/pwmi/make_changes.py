"""Write ``changes.csv`` of the PWMI example: a reconstruction consistent with the published figures.

Run ``python make_changes.py`` in this folder; the output is deterministic (no randomness), so
running it again gives the same file byte for byte (a test checks that).

What is fixed by the source ("Impact meten bij leren in de stad", Fontys / PWMI):
256 experienced changes, 43 people, 15 roles, the IDG clusters Being 38 / Thinking 30 /
Relating 71 / Collaborating 98 / Acting 19, and per stakeholder group (students, work-field
partners, bridge builders, residents of the parent-child group) the three changes with the most
impact and one quote, and that PWMI contributes to 8 of the 17 SDGs. Everything else — who said
what, the other themes, the wording of the individual statements, importance scores, the second
coder, which goals each theme contributes to — is invented so that the analysis
gives those figures. The individual rows are NOT the original data.

Structure: every theme lists statement variants, each with the IDG code the (fictitious)
first coder gave it and how many people reported it. A person reports a theme at most once, so
the number of people reporting a theme equals its number of changes.
"""

from __future__ import annotations

import csv
import io
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

# -- people: 43 people in 15 roles -------------------------------------------------------------
# group → list of (stakeholder id, role, number of people, person-id prefix)
PEOPLE: dict[str, list[tuple[str, str, int, str]]] = {
    "studenten": [
        ("studenten-fontys", "student sociaal werk", 7, "ST"),
        ("studenten-fontys", "student pedagogiek", 4, "ST"),
        ("studenten-summa", "mbo-student sociaal werk", 4, "ST"),
    ],
    "werkveldpartners": [
        ("t-huis", "medewerker T-Huis", 3, "WP"),
        ("lumens", "opbouwwerker Lumens", 3, "WP"),
        ("t-huis", "praktijkbegeleider", 2, "WP"),
        ("lumens", "teamleider", 1, "WP"),
    ],
    "bruggenbouwers": [
        ("bruggenbouwers", "bruggenbouwer", 3, "BB"),
    ],
    "docenten": [
        ("docenten", "docent Fontys", 3, "DO"),
        ("docenten", "docent Summa", 2, "DO"),
        ("docenten", "onderzoeker", 1, "DO"),
    ],
    "gemeente": [
        ("gemeente", "beleidsadviseur gemeente", 2, "GM"),
    ],
    "bewoners": [
        ("ouder-kindgroep", "ouder", 6, "BW"),
        ("buurtbewoners", "vrijwilliger", 1, "BW"),
        ("buurtbewoners", "buurtbewoner", 1, "BW"),
    ],
}

# -- themes ------------------------------------------------------------------------------------
# group → list of (theme, base importance, preferred roles, [(statement, idg code, people)])
# The first three themes of the four groups in the source are its published top-3, verbatim.
THEMES: dict[str, list[tuple[str, int, tuple[str, ...], list[tuple[str, str, int]]]]] = {
    "studenten": [
        (
            "Ik ervaar meer betekenis in wat ik doe doordat ik direct bijdraag aan bewoners en de wijk.",
            5,
            (),
            [
                (
                    "Ik ervaar meer betekenis in wat ik doe doordat ik direct bijdraag aan bewoners en de wijk.",
                    "Innerlijk kompas",
                    5,
                ),
                (
                    "Mijn inzet in de wijk voelt zinvol: ik doe het niet meer alleen voor een cijfer.",
                    "Innerlijk kompas",
                    4,
                ),
                (
                    "Ik zie wat mijn werk voor bewoners betekent en dat geeft richting aan mijn keuzes.",
                    "Innerlijk kompas",
                    1,
                ),
                ("Ik voel me verbonden met de bewoners voor wie ik iets kan betekenen.", "Verbondenheid", 4),
            ],
        ),
        (
            "Ik leer sneller en dieper doordat ik leer in echte situaties met echte gevolgen.",
            5,
            (),
            [
                (
                    "Ik leer sneller en dieper doordat ik leer in echte situaties met echte gevolgen.",
                    "Openheid en lerende houding",
                    4,
                ),
                (
                    "In de wijk zie ik hoe problemen van gezinnen met elkaar samenhangen; dat leer je niet uit een casus.",
                    "Bewustzijn van complexiteit",
                    1,
                ),
                (
                    "Omdat mijn handelen echte gevolgen heeft, sta ik meer open voor feedback en leer ik ervan.",
                    "Openheid en lerende houding",
                    4,
                ),
                (
                    "Ik oefen gesprekken met bewoners in het echt in plaats van in een rollenspel.",
                    "Communicatievaardigheden",
                    3,
                ),
            ],
        ),
        (
            "Ik ervaar meer uitdaging en variatie doordat ik in meerdere projecten en met diverse doelgroepen werk.",
            4,
            (),
            [
                (
                    "Ik ervaar meer uitdaging en variatie doordat ik in meerdere projecten en met diverse doelgroepen werk.",
                    "Inclusieve houding en interculturele competentie",
                    4,
                ),
                (
                    "Ik werk met ouders, kinderen en ouderen met heel verschillende achtergronden.",
                    "Inclusieve houding en interculturele competentie",
                    2,
                ),
                (
                    "Door de verschillende projecten ontdek ik wat ik goed kan en wat niet mijn ding is.",
                    "Zelfbewustzijn",
                    3,
                ),
                ("Ik pas mijn manier van werken steeds aan aan de groep waar ik mee werk.", "Samenwerken", 2),
            ],
        ),
        (
            "Ik werk beter samen met studenten van andere opleidingen.",
            4,
            (),
            [
                ("Ik werk beter samen met studenten van andere opleidingen.", "Co-creatievaardigheden", 5),
                (
                    "In ons projectteam met pedagogiek en mbo-studenten verdelen we het werk op basis van ieders sterke kanten.",
                    "Co-creatievaardigheden",
                    4,
                ),
            ],
        ),
        (
            "Ik voer gesprekken met bewoners op een meer gelijkwaardige manier.",
            4,
            (),
            [
                (
                    "Ik luister beter naar wat bewoners zelf willen in plaats van meteen oplossingen te geven.",
                    "Communicatievaardigheden",
                    4,
                ),
                ("Ik voer gesprekken met bewoners op een meer gelijkwaardige manier.", "Communicatievaardigheden", 3),
                ("Ik stem mijn taalgebruik af op de ouders met wie ik werk.", "Communicatievaardigheden", 1),
            ],
        ),
        (
            "Ik kan me beter inleven in de leefwereld van bewoners.",
            4,
            (),
            [
                ("Ik kan me beter inleven in de leefwereld van bewoners.", "Empathie en compassie", 5),
                ("Ik begrijp nu beter waarom sommige gezinnen hulp niet vanzelf vinden.", "Empathie en compassie", 4),
            ],
        ),
        (
            "Ik heb een netwerk opgebouwd in het werkveld.",
            3,
            (),
            [
                ("Ik ken nu professionals van T-Huis en Lumens die ik kan benaderen.", "Co-creatievaardigheden", 4),
                ("Ik heb een netwerk opgebouwd in het werkveld.", "Verbondenheid", 3),
            ],
        ),
        (
            "Ik kijk kritischer naar mijn eigen handelen.",
            3,
            (),
            [
                (
                    "Ik kijk kritischer naar mijn eigen handelen door de feedback van bewoners en professionals.",
                    "Kritisch denken",
                    3,
                ),
                ("Ik reflecteer na elke activiteit op wat ik heb gedaan en waarom.", "Zelfbewustzijn", 3),
            ],
        ),
        (
            "Ik heb meer zelfvertrouwen in mijn rol als professional.",
            4,
            (),
            [
                ("Ik heb meer zelfvertrouwen in mijn rol als professional.", "Zelfbewustzijn", 2),
                ("Ik neem sneller zelf het initiatief om een activiteit op te zetten.", "Moed", 5),
            ],
        ),
        (
            "Ik zie hoe onderwijs, welzijn en gemeente samen een vraagstuk aanpakken.",
            3,
            (),
            [
                (
                    "Ik zie hoe onderwijs, welzijn en gemeente samen een vraagstuk aanpakken.",
                    "Perspectiefvaardigheden",
                    3,
                ),
                ("Ik werk in de wijk samen met professionals van verschillende organisaties.", "Samenwerken", 2),
            ],
        ),
        (
            "Ik voel me gewaardeerd door bewoners en partners.",
            3,
            (),
            [
                ("Ik voel me gewaardeerd door bewoners en partners.", "Waardering", 2),
                ("Ouders bedanken ons na afloop en dat geeft me energie.", "Waardering", 4),
            ],
        ),
    ],
    "werkveldpartners": [
        (
            "Deelname aan PWMI heeft bijgedragen aan een duurzame relatie tussen mijn organisatie, het onderwijs en de lokale gemeenschap.",
            5,
            (),
            [
                (
                    "Deelname aan PWMI heeft bijgedragen aan een duurzame relatie tussen mijn organisatie, het onderwijs en de lokale gemeenschap.",
                    "Co-creatievaardigheden",
                    3,
                ),
                (
                    "Onze samenwerking met Fontys en Summa is structureel geworden en hangt niet meer af van losse stages.",
                    "Co-creatievaardigheden",
                    2,
                ),
                (
                    "Docenten en studenten zijn vaste gezichten in ons buurthuis; we weten wat we aan elkaar hebben.",
                    "Vertrouwen",
                    2,
                ),
                ("Ons buurthuis is meer een plek geworden waar onderwijs en buurt elkaar treffen.", "Verbondenheid", 1),
            ],
        ),
        (
            "Mijn organisatie speelt beter in op maatschappelijke vraagstukken door de samenwerking binnen PWMI.",
            5,
            (),
            [
                (
                    "Mijn organisatie speelt beter in op maatschappelijke vraagstukken door de samenwerking binnen PWMI.",
                    "Samenwerken",
                    3,
                ),
                (
                    "We pakken problemen in de wijk nu samen met onderwijs en gemeente op in plaats van ieder apart.",
                    "Co-creatievaardigheden",
                    2,
                ),
                ("Studenten brengen nieuwe ideeën mee waardoor we ons aanbod vernieuwen.", "Creativiteit", 2),
            ],
        ),
        (
            "Ik kan efficiënter werken doordat studenten bepaalde taken overnemen of ondersteunen.",
            4,
            (),
            [
                (
                    "Ik kan efficiënter werken doordat studenten bepaalde taken overnemen of ondersteunen.",
                    "Samenwerken",
                    3,
                ),
                (
                    "Studenten draaien zelfstandig activiteiten, zodat ik tijd heb voor de zwaardere casussen.",
                    "Samenwerken",
                    1,
                ),
                ("Ik heb geleerd taken los te laten en studenten verantwoordelijkheid te geven.", "Vertrouwen", 2),
            ],
        ),
        (
            "Ik kijk met een frisse blik naar mijn eigen werk.",
            4,
            (),
            [
                (
                    "De vragen van studenten laten me met een frisse blik naar mijn eigen werk kijken.",
                    "Perspectiefvaardigheden",
                    3,
                ),
                ("Ik sta er meer bij stil waarom we dingen doen zoals we ze doen.", "Zelfbewustzijn", 2),
            ],
        ),
        (
            "Ik heb meer contact met collega's van andere organisaties in de wijk.",
            3,
            (),
            [
                ("Ik heb meer contact met collega's van andere organisaties in de wijk.", "Verbondenheid", 3),
                ("Ik weet beter wie ik bij de gemeente en het onderwijs kan bellen.", "Samenwerken", 2),
            ],
        ),
        (
            "Bewoners worden beter bereikt.",
            4,
            (),
            [
                ("Bewoners worden beter bereikt doordat studenten laagdrempelig aanwezig zijn.", "Samenwerken", 3),
                (
                    "Ouders die we eerder niet zagen komen nu naar de ouder-kindgroep.",
                    "Inclusieve houding en interculturele competentie",
                    2,
                ),
            ],
        ),
        (
            "Ik haal meer voldoening uit het begeleiden van studenten.",
            3,
            ("praktijkbegeleider",),
            [
                ("Ik haal meer voldoening uit het begeleiden van studenten.", "Waardering", 4),
                ("Ik ben me meer bewust geworden van mijn rol als praktijkopleider.", "Zelfbewustzijn", 1),
            ],
        ),
        (
            "Ik voel me meer betrokken bij de buurt en haar bewoners.",
            3,
            (),
            [
                ("Ik voel me meer betrokken bij de buurt en haar bewoners.", "Verbondenheid", 3),
            ],
        ),
        (
            "Onze organisatie probeert vaker nieuwe activiteiten uit.",
            3,
            ("teamleider",),
            [
                ("Onze organisatie probeert vaker nieuwe activiteiten uit.", "Creativiteit", 2),
                (
                    "We werven nieuwe collega's onder oud-studenten van de werkplaats.",
                    "Langetermijnoriëntatie en visie",
                    2,
                ),
            ],
        ),
    ],
    "bruggenbouwers": [
        (
            "De PWMI draagt bij aan een inclusieve, duurzame en lerende samenleving.",
            5,
            (),
            [
                (
                    "De PWMI draagt bij aan een inclusieve, duurzame en lerende samenleving.",
                    "Langetermijnoriëntatie en visie",
                    1,
                ),
                (
                    "De werkplaats is een investering in de wijk die verder reikt dan één project.",
                    "Langetermijnoriëntatie en visie",
                    1,
                ),
                (
                    "Ik zie dat bewoners die vroeger buiten beeld bleven nu meedoen.",
                    "Inclusieve houding en interculturele competentie",
                    1,
                ),
            ],
        ),
        (
            "Ik ervaar meer verbondenheid met partners binnen onderwijs, welzijn en beleid.",
            5,
            (),
            [
                ("Ik ervaar meer verbondenheid met partners binnen onderwijs, welzijn en beleid.", "Verbondenheid", 2),
                ("Ik voel me onderdeel van één netwerk met T-Huis, Lumens, Summa en de gemeente.", "Verbondenheid", 1),
            ],
        ),
        (
            "Ik zie groei bij studenten op IDG-vaardigheden zoals samenwerken, reflecteren en verantwoordelijkheid nemen.",
            4,
            (),
            [
                (
                    "Ik zie groei bij studenten op IDG-vaardigheden zoals samenwerken, reflecteren en verantwoordelijkheid nemen.",
                    "Samenwerken",
                    1,
                ),
                ("Studenten pakken samen met partners zelf vraagstukken op.", "Co-creatievaardigheden", 1),
                ("Studenten staan vaker stil bij hun eigen rol en handelen.", "Zelfbewustzijn", 1),
            ],
        ),
        (
            "Ik vertaal vragen uit de wijk beter naar opdrachten voor studenten.",
            3,
            (),
            [
                ("Ik vertaal vragen uit de wijk beter naar opdrachten voor studenten.", "Betekenisgeving", 2),
            ],
        ),
        (
            "Partners vertrouwen mij meer.",
            3,
            (),
            [
                ("Partners weten me te vinden en rekenen op mij als schakel.", "Vertrouwen", 2),
            ],
        ),
        (
            "Ik breng partijen bij elkaar die elkaar eerder niet vonden.",
            3,
            (),
            [
                ("Ik breng partijen bij elkaar die elkaar eerder niet vonden.", "Mobilisatievaardigheden", 2),
            ],
        ),
        (
            "Ik blijf volhouden, ook als de financiering onzeker is.",
            3,
            (),
            [
                ("Ik blijf volhouden, ook als de financiering onzeker is.", "Doorzettingsvermogen", 2),
            ],
        ),
        (
            "Ik maak knelpunten in de samenwerking eerder bespreekbaar.",
            3,
            (),
            [
                ("Ik maak knelpunten in de samenwerking eerder bespreekbaar.", "Moed", 2),
            ],
        ),
        (
            "Ik schakel makkelijker tussen onderwijs en praktijk.",
            3,
            (),
            [
                (
                    "Ik schakel makkelijker tussen de taal van het onderwijs en die van de praktijk.",
                    "Communicatievaardigheden",
                    2,
                ),
            ],
        ),
    ],
    "docenten": [
        (
            "Ik werk nauwer samen met werkveldpartners op locatie.",
            4,
            (),
            [
                ("Ik werk nauwer samen met werkveldpartners op locatie.", "Co-creatievaardigheden", 4),
                (
                    "Ik ben wekelijks in het buurthuis en stem daar de begeleiding af met de praktijkbegeleiders.",
                    "Samenwerken",
                    2,
                ),
            ],
        ),
        (
            "Ik breng actuele praktijkvoorbeelden in mijn lessen.",
            4,
            (),
            [
                ("Ik breng actuele praktijkvoorbeelden uit de wijk in mijn lessen.", "Betekenisgeving", 3),
                (
                    "Ik zie beter welke vraagstukken in de praktijk spelen en pas mijn onderwijs daarop aan.",
                    "Bewustzijn van complexiteit",
                    2,
                ),
            ],
        ),
        (
            "Ik heb meer contact met collega's van andere instituten en Summa.",
            3,
            (),
            [
                ("Ik heb meer contact met collega's van andere instituten en Summa.", "Samenwerken", 3),
                ("Ik voel me minder een eiland binnen mijn eigen opleiding.", "Verbondenheid", 2),
            ],
        ),
        (
            "Ik begeleid studenten meer als coach dan als docent.",
            4,
            (),
            [
                ("Ik begeleid studenten meer als coach dan als docent.", "Bescheidenheid", 2),
                ("Ik laat studenten meer zelf uitzoeken en stap zelf een stap terug.", "Vertrouwen", 2),
            ],
        ),
        (
            "Ik leer zelf van bewoners en professionals in de wijk.",
            3,
            (),
            [
                ("Ik leer zelf van bewoners en professionals in de wijk.", "Openheid en lerende houding", 4),
            ],
        ),
        (
            "Ik ontwikkel samen met partners nieuwe onderwijsactiviteiten.",
            4,
            (),
            [
                ("Ik ontwikkel samen met partners nieuwe onderwijsactiviteiten.", "Co-creatievaardigheden", 2),
                (
                    "Ik heb een nieuwe opdrachtvorm bedacht waarin studenten een wijkactiviteit organiseren.",
                    "Creativiteit",
                    3,
                ),
            ],
        ),
        (
            "Ik beoordeel studenten meer op hun ontwikkeling in de praktijk.",
            3,
            ("docent Fontys", "docent Summa"),
            [
                ("Ik beoordeel studenten meer op hun ontwikkeling in de praktijk.", "Kritisch denken", 2),
                ("Ik kijk anders naar wat een goede beroepsbeoefenaar is.", "Perspectiefvaardigheden", 1),
            ],
        ),
        (
            "Ik voel me meer betrokken bij de stad en haar bewoners.",
            3,
            (),
            [
                ("Ik voel me meer betrokken bij Eindhoven en de bewoners van de wijk.", "Verbondenheid", 3),
            ],
        ),
        (
            "Mijn onderzoek sluit beter aan bij vragen uit de praktijk.",
            4,
            ("onderzoeker",),
            [
                ("Mijn onderzoek sluit beter aan bij vragen uit de praktijk.", "Co-creatievaardigheden", 2),
            ],
        ),
    ],
    "gemeente": [
        (
            "Ik heb beter zicht op wat er speelt in de wijk.",
            4,
            (),
            [
                ("Ik heb beter zicht op wat er speelt in de wijk.", "Betekenisgeving", 2),
            ],
        ),
        (
            "Ik werk intensiever samen met onderwijs en welzijnspartners.",
            4,
            (),
            [
                ("Ik werk intensiever samen met onderwijs en welzijnspartners.", "Co-creatievaardigheden", 2),
            ],
        ),
        (
            "Ik gebruik ervaringen uit de werkplaats in beleid.",
            4,
            (),
            [
                ("Ik gebruik ervaringen uit de werkplaats bij het schrijven van beleid.", "Perspectiefvaardigheden", 1),
                (
                    "Ik kijk verder vooruit bij het plannen van voorzieningen in de wijk.",
                    "Langetermijnoriëntatie en visie",
                    1,
                ),
            ],
        ),
        (
            "Ik zie beter hoe problemen in de wijk samenhangen.",
            3,
            (),
            [
                (
                    "Ik zie beter hoe armoede, taal en opvoeding in de wijk samenhangen.",
                    "Bewustzijn van complexiteit",
                    2,
                ),
            ],
        ),
        (
            "Ik vertrouw meer op de werkplaats als partner.",
            3,
            (),
            [
                ("Ik vertrouw meer op de werkplaats als partner.", "Vertrouwen", 1),
            ],
        ),
        (
            "Ik ben meer betrokken geraakt bij de bewoners.",
            3,
            (),
            [
                ("Ik ben meer betrokken geraakt bij de bewoners van de wijk.", "Verbondenheid", 1),
            ],
        ),
    ],
    "bewoners": [
        (
            "Ik voel me minder alleen door het contact met andere ouders.",
            5,
            ("ouder",),
            [
                ("Ik voel me minder alleen door het contact met andere ouders.", "Verbondenheid", 4),
                ("Ik kan mijn zorgen delen met ouders die hetzelfde meemaken.", "Empathie en compassie", 2),
                (
                    "Ik ga niet meer alleen de deur uit voor de boodschappen, ik spreek af met andere moeders.",
                    "Verbondenheid",
                    1,
                ),
            ],
        ),
        (
            "Ik praat en oefen zelf meer Nederlands.",
            5,
            ("ouder",),
            [
                ("Ik praat en oefen zelf meer Nederlands.", "Communicatievaardigheden", 4),
                ("Ik durf nu in het Nederlands een gesprek met de juf te voeren.", "Communicatievaardigheden", 2),
            ],
        ),
        (
            "Ik heb nieuwe ouders leren kennen en voel me deel van een groep.",
            5,
            ("ouder",),
            [
                ("Ik heb nieuwe ouders leren kennen en voel me deel van een groep.", "Verbondenheid", 3),
                ("Ik heb vrienden gemaakt uit andere culturen.", "Inclusieve houding en interculturele competentie", 2),
            ],
        ),
        (
            "Ik voel me meer thuis in de wijk.",
            4,
            (),
            [
                ("Ik voel me meer thuis in de wijk.", "Verbondenheid", 4),
            ],
        ),
        (
            "Ik heb plezier in de activiteiten met mijn kind.",
            4,
            ("ouder",),
            [
                ("Ik heb plezier in de activiteiten met mijn kind.", "Waardering", 4),
            ],
        ),
        (
            "Mijn kind speelt beter samen met andere kinderen.",
            4,
            ("ouder",),
            [
                ("Mijn kind speelt beter samen met andere kinderen.", "Samenwerken", 4),
            ],
        ),
        (
            "Ik help nu zelf andere ouders op weg.",
            4,
            ("vrijwilliger", "buurtbewoner"),
            [
                ("Ik help nu zelf nieuwe ouders op weg in de groep.", "Empathie en compassie", 3),
            ],
        ),
        (
            "Ik heb meer vertrouwen in mezelf als ouder.",
            4,
            ("ouder",),
            [
                ("Ik heb meer vertrouwen in mezelf als ouder.", "Zelfbewustzijn", 4),
            ],
        ),
        (
            "Ik weet beter waar ik in de wijk terecht kan.",
            3,
            (),
            [
                ("Ik weet beter waar ik in de wijk terecht kan met vragen.", "Verbondenheid", 4),
            ],
        ),
        (
            "Ik begrijp mijn kind beter.",
            3,
            ("ouder",),
            [
                ("Ik begrijp beter wat mijn kind nodig heeft.", "Empathie en compassie", 2),
            ],
        ),
        (
            "Ik durf vaker hulp te vragen.",
            3,
            ("ouder",),
            [
                ("Ik durf vaker hulp te vragen.", "Moed", 3),
            ],
        ),
    ],
}

# The one quote per group in the source, attached to the change it illustrates.
QUOTES: dict[str, tuple[str, str]] = {
    # group: (statement it belongs to, quote)
    "studenten": (
        "Door de verschillende projecten ontdek ik wat ik goed kan en wat niet mijn ding is.",
        "Door al die verschillende projecten moet ik nu op verschillende manieren inzetbaar zijn en "
        "daardoor ontdek ik nu al wat ik wel goed kan en wat echt nog niet mijn ding is.",
    ),
    "werkveldpartners": (
        "Deelname aan PWMI heeft bijgedragen aan een duurzame relatie tussen mijn organisatie, "
        "het onderwijs en de lokale gemeenschap.",
        "Docenten zijn wekelijks bij mij op locatie waardoor op alle niveaus (strategisch, tactisch "
        "en operationeel) verbindingen en samenwerkingen ontstaan.",
    ),
    "bruggenbouwers": (
        "Ik ervaar meer verbondenheid met partners binnen onderwijs, welzijn en beleid.",
        "Door structurele samenwerking, wordt er nauw met elkaar opgetrokken en kan er direct "
        "ingespeeld worden op (praktijk-)vraagstukken.",
    ),
    "bewoners": (
        "Ik heb nieuwe ouders leren kennen en voel me deel van een groep.",
        "Ik heb nieuwe vrienden gemaakt. Uit mijn eigen cultuur maar ook uit andere culturen. "
        "Wij helpen elkaar ook buiten dit. Hier ben ik heel dankbaar voor.",
    ),
}

# The IDG dimension of every code used above (the plugin resolves these itself; this copy lets
# the script check its totals without importing impactkit).
DIMENSION = {
    "Innerlijk kompas": "Being",
    "Openheid en lerende houding": "Being",
    "Zelfbewustzijn": "Being",
    "Kritisch denken": "Thinking",
    "Bewustzijn van complexiteit": "Thinking",
    "Perspectiefvaardigheden": "Thinking",
    "Betekenisgeving": "Thinking",
    "Langetermijnoriëntatie en visie": "Thinking",
    "Waardering": "Relating",
    "Verbondenheid": "Relating",
    "Bescheidenheid": "Relating",
    "Empathie en compassie": "Relating",
    "Samenwerken": "Collaborating",
    "Communicatievaardigheden": "Collaborating",
    "Co-creatievaardigheden": "Collaborating",
    "Inclusieve houding en interculturele competentie": "Collaborating",
    "Vertrouwen": "Collaborating",
    "Mobilisatievaardigheden": "Collaborating",
    "Moed": "Acting",
    "Creativiteit": "Acting",
    "Doorzettingsvermogen": "Acting",
}
EXPECTED = {"Being": 38, "Thinking": 30, "Relating": 71, "Collaborating": 98, "Acting": 19}

# Second coder: what coder B wrote where she disagreed with coder A (by dimension), for
# a change that A coded with the key. Used on every 5th double-coded change.
DISAGREE = {
    "Verbondenheid": "Co-creatievaardigheden",
    "Co-creatievaardigheden": "Verbondenheid",
    "Samenwerken": "Verbondenheid",
    "Innerlijk kompas": "Verbondenheid",
    "Bewustzijn van complexiteit": "Openheid en lerende houding",
    "Zelfbewustzijn": "Openheid en lerende houding",
    "Communicatievaardigheden": "Inclusieve houding en interculturele competentie",
    "Moed": "Zelfbewustzijn",
    "Creativiteit": "Co-creatievaardigheden",
    "Waardering": "Empathie en compassie",
    "Vertrouwen": "Verbondenheid",
    "Betekenisgeving": "Kritisch denken",
}
# Where coder B agreed on the dimension but chose another skill of it.
SAME_DIMENSION = {
    "Verbondenheid": "Relating",
    "Co-creatievaardigheden": "Samenwerken",
    "Zelfbewustzijn": "Zijn",
    "Communicatievaardigheden": "Samenwerken",
    "Bewustzijn van complexiteit": "Denken",
}

# -- SDGs: every theme → the goals its changes contribute to -------------------------------------
# The source reports "PWMI draagt bij aan 8 van de 17 SDG's" without naming them or saying which
# change contributes to which goal. The choice below is a reconstruction from the content of the
# themes (step 4 "bredere impact"); the check below makes sure it reaches exactly 8 goals.
# 1 poverty (access to basic services), 3 well-being (loneliness, self-confidence), 4 learning,
# 8 work (employability, efficient work), 10 inclusion, 11 the neighbourhood, 16 responsive,
# inclusive institutions and policy, 17 partnerships between education, welfare and government.
THEME_SDGS: dict[str, tuple[int, ...]] = {
    # studenten
    "Ik ervaar meer betekenis in wat ik doe doordat ik direct bijdraag aan bewoners en de wijk.": (11,),
    "Ik leer sneller en dieper doordat ik leer in echte situaties met echte gevolgen.": (4,),
    "Ik ervaar meer uitdaging en variatie doordat ik in meerdere projecten en met diverse doelgroepen werk.": (4, 10),
    "Ik werk beter samen met studenten van andere opleidingen.": (4,),
    "Ik voer gesprekken met bewoners op een meer gelijkwaardige manier.": (10,),
    "Ik kan me beter inleven in de leefwereld van bewoners.": (10,),
    "Ik heb een netwerk opgebouwd in het werkveld.": (8,),
    "Ik kijk kritischer naar mijn eigen handelen.": (4,),
    "Ik heb meer zelfvertrouwen in mijn rol als professional.": (8,),
    "Ik zie hoe onderwijs, welzijn en gemeente samen een vraagstuk aanpakken.": (17,),
    "Ik voel me gewaardeerd door bewoners en partners.": (3,),
    # werkveldpartners
    "Deelname aan PWMI heeft bijgedragen aan een duurzame relatie tussen mijn organisatie, het onderwijs en de lokale gemeenschap.": (
        17,
    ),
    "Mijn organisatie speelt beter in op maatschappelijke vraagstukken door de samenwerking binnen PWMI.": (16, 17),
    "Ik kan efficiënter werken doordat studenten bepaalde taken overnemen of ondersteunen.": (8,),
    "Ik kijk met een frisse blik naar mijn eigen werk.": (8,),
    "Ik heb meer contact met collega's van andere organisaties in de wijk.": (17,),
    "Bewoners worden beter bereikt.": (10,),
    "Ik haal meer voldoening uit het begeleiden van studenten.": (4,),
    "Ik voel me meer betrokken bij de buurt en haar bewoners.": (11,),
    "Onze organisatie probeert vaker nieuwe activiteiten uit.": (8,),
    # bruggenbouwers
    "De PWMI draagt bij aan een inclusieve, duurzame en lerende samenleving.": (10, 11),
    "Ik ervaar meer verbondenheid met partners binnen onderwijs, welzijn en beleid.": (17,),
    "Ik zie groei bij studenten op IDG-vaardigheden zoals samenwerken, reflecteren en verantwoordelijkheid nemen.": (
        4,
    ),
    "Ik vertaal vragen uit de wijk beter naar opdrachten voor studenten.": (4, 11),
    "Partners vertrouwen mij meer.": (17,),
    "Ik breng partijen bij elkaar die elkaar eerder niet vonden.": (17,),
    "Ik blijf volhouden, ook als de financiering onzeker is.": (17,),
    "Ik maak knelpunten in de samenwerking eerder bespreekbaar.": (17,),
    "Ik schakel makkelijker tussen onderwijs en praktijk.": (4,),
    # docenten
    "Ik werk nauwer samen met werkveldpartners op locatie.": (17,),
    "Ik breng actuele praktijkvoorbeelden in mijn lessen.": (4,),
    "Ik heb meer contact met collega's van andere instituten en Summa.": (17,),
    "Ik begeleid studenten meer als coach dan als docent.": (4,),
    "Ik leer zelf van bewoners en professionals in de wijk.": (4,),
    "Ik ontwikkel samen met partners nieuwe onderwijsactiviteiten.": (4, 17),
    "Ik beoordeel studenten meer op hun ontwikkeling in de praktijk.": (4,),
    "Ik voel me meer betrokken bij de stad en haar bewoners.": (11,),
    "Mijn onderzoek sluit beter aan bij vragen uit de praktijk.": (17,),
    # gemeente
    "Ik heb beter zicht op wat er speelt in de wijk.": (11, 16),
    "Ik werk intensiever samen met onderwijs en welzijnspartners.": (17,),
    "Ik gebruik ervaringen uit de werkplaats in beleid.": (16,),
    "Ik zie beter hoe problemen in de wijk samenhangen.": (1, 10),
    "Ik vertrouw meer op de werkplaats als partner.": (17,),
    "Ik ben meer betrokken geraakt bij de bewoners.": (11,),
    # bewoners
    "Ik voel me minder alleen door het contact met andere ouders.": (3,),
    "Ik praat en oefen zelf meer Nederlands.": (4, 10),
    "Ik heb nieuwe ouders leren kennen en voel me deel van een groep.": (10, 11),
    "Ik voel me meer thuis in de wijk.": (11,),
    "Ik heb plezier in de activiteiten met mijn kind.": (3,),
    "Mijn kind speelt beter samen met andere kinderen.": (4,),
    "Ik help nu zelf andere ouders op weg.": (11,),
    "Ik heb meer vertrouwen in mezelf als ouder.": (3,),
    "Ik weet beter waar ik in de wijk terecht kan.": (1,),
    "Ik begrijp mijn kind beter.": (3,),
    "Ik durf vaker hulp te vragen.": (1, 3),
}
EXPECTED_SDGS = 8  # "PWMI draagt bij aan 8 van de 17 SDG's"

SOURCES = ("interview", "werksessie", "vragenlijst")


def people() -> dict[str, list[dict[str, str]]]:
    """group → people ``{"person", "role", "stakeholder"}``, numbered per prefix."""
    out: dict[str, list[dict[str, str]]] = {}
    counters: dict[str, int] = {}
    for group, entries in PEOPLE.items():
        for stakeholder, role, n, prefix in entries:
            for _ in range(n):
                counters[prefix] = counters.get(prefix, 0) + 1
                out.setdefault(group, []).append(
                    {"person": f"{prefix}{counters[prefix]:02d}", "role": role, "stakeholder": stakeholder}
                )
    return out


def assign(group: str, members: list[dict[str, str]]) -> list[tuple[dict[str, str], str, str, str, int]]:
    """(person, theme, statement, code, base importance) for every change of ``group``.

    Each statement goes to people who have not reported its theme yet, preferring the theme's
    roles, then the people with the fewest changes so far, then the order of the list.
    """
    load = {m["person"]: 0 for m in members}
    out = []
    for theme, base, roles, variants in THEMES[group]:
        reported: set[str] = set()
        for statement, code, n in variants:
            candidates = [m for m in members if m["person"] not in reported]
            candidates.sort(
                key=lambda m: (m["role"] not in roles if roles else False, load[m["person"]], members.index(m))
            )
            if len(candidates) < n:
                raise SystemExit(f"{group}: theme {theme!r} needs {n} more people, has {len(candidates)}")
            for member in candidates[:n]:
                reported.add(member["person"])
                load[member["person"]] += 1
                out.append((member, theme, statement, code, base))
    return out


def importance(base: int, person: str, statement: str) -> str:
    """A deterministic importance around ``base`` (1-5), missing for about one change in eight."""
    mix = zlib.crc32(f"{person}|{statement}".encode())
    if mix % 8 == 3:
        return ""
    step = (0, 0, -1, 0, 1, 0, -1, 0, 0)[(mix >> 3) % 9]
    return str(max(1, min(5, base + step)))


def rows() -> list[dict[str, str]]:
    everyone = people()
    changes = []
    for group in PEOPLE:
        changes += [(group, *item) for item in assign(group, everyone[group])]
    # file order: per group, per person, in the order the person reported the themes
    order = {p["person"]: i for members in everyone.values() for i, p in enumerate(members)}
    groups = list(PEOPLE)
    changes.sort(key=lambda c: (groups.index(c[0]), order[c[1]["person"]]))
    out: list[dict[str, str]] = []
    quoted: set[str] = set()
    double = 0
    for serial, (group, member, theme, statement, code, base) in enumerate(changes, start=1):
        quote = ""
        if group in QUOTES and QUOTES[group][0] == statement and group not in quoted:
            quote = QUOTES[group][1]
            quoted.add(group)
        row = {
            "id": f"PW{serial:03d}",
            "persoon": member["person"],
            "rol": member["role"],
            "stakeholder": member["stakeholder"],
            "thema": theme,
            "verandering": statement,
            "citaat": quote,
            "belang": "5" if quote else importance(base, member["person"], statement),
            "idg": code,
            "sdg": ";".join(str(g) for g in THEME_SDGS[theme]),
            "codeur": "codeur A",
            "bron": SOURCES[serial % 3],
        }
        out.append(row)
        if serial % 4 == 2:  # coder B double-codes one change in four
            double += 1
            second = dict(row)
            second["codeur"] = "codeur B"
            if double % 5 == 0 and code in DISAGREE:
                second["idg"] = DISAGREE[code]
            elif double % 5 == 2 and code in SAME_DIMENSION:
                second["idg"] = SAME_DIMENSION[code]
            elif double % 23 == 11:
                second["idg"] = ""  # coder B left this one open: a missing value
            out.append(second)
    missing = set(QUOTES) - quoted
    if missing:
        raise SystemExit(f"quotes not placed for: {', '.join(sorted(missing))}")
    return out


def check(table: list[dict[str, str]]) -> None:
    first = [r for r in table if r["codeur"] == "codeur A"]
    totals = dict.fromkeys(EXPECTED, 0)
    for r in first:
        totals[DIMENSION[r["idg"]]] += 1
    problems = []
    if len(first) != 256:
        problems.append(f"{len(first)} changes, expected 256")
    if totals != EXPECTED:
        problems.append(f"dimensions {totals}, expected {EXPECTED}")
    goals = {int(g) for r in first for g in r["sdg"].split(";") if g}
    if len(goals) != EXPECTED_SDGS or any(not r["sdg"] for r in first):
        problems.append(f"SDGs {sorted(goals)}: expected {EXPECTED_SDGS} goals and a goal for every change")
    n_people = len({r["persoon"] for r in first})
    n_roles = len({r["rol"] for r in first})
    if (n_people, n_roles) != (43, 15):
        problems.append(f"{n_people} people in {n_roles} roles, expected 43 in 15")
    problems += check_top3(first)
    if problems:
        raise SystemExit("; ".join(problems))


def check_top3(first: list[dict[str, str]]) -> list[str]:
    """The published top-3 must come out first, in order, by people × mean importance and by people."""
    group_of = {p["person"]: g for g, members in people().items() for p in members}
    problems = []
    for group in QUOTES:
        themes: dict[str, list[dict[str, str]]] = {}
        for r in first:
            if group_of[r["persoon"]] == group:
                themes.setdefault(r["thema"], []).append(r)

        def score(rows: list[dict[str, str]]) -> float:
            weights = [float(r["belang"]) for r in rows if r["belang"]]
            return len({r["persoon"] for r in rows}) * (sum(weights) / len(weights) if weights else 0.0)

        ranked = sorted(themes, key=lambda t: -score(themes[t]))
        published = [theme for theme, *_ in THEMES[group][:3]]
        if ranked[:3] != published:
            problems.append(f"{group}: top-3 by people x importance is {ranked[:3]}")
        by_people = sorted(themes, key=lambda t: -len({r["persoon"] for r in themes[t]}))
        if set(by_people[:3]) != set(published) or len({r["persoon"] for r in themes[by_people[3]]}) >= min(
            len({r["persoon"] for r in themes[t]}) for t in published
        ):
            problems.append(f"{group}: the published top-3 are not the most reported themes")
    return problems


COLUMNS = [
    "id",
    "persoon",
    "rol",
    "stakeholder",
    "thema",
    "verandering",
    "citaat",
    "belang",
    "idg",
    "sdg",
    "codeur",
    "bron",
]


def render() -> str:
    table = rows()
    check(table)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return buffer.getvalue()


if __name__ == "__main__":
    (HERE / "changes.csv").write_text(render(), encoding="utf-8")
    print(f"wrote {HERE / 'changes.csv'}")
