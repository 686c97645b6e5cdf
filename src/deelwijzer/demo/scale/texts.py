"""The generated names, addresses and texts (fictitious, Dutch as the professionals write)."""

from __future__ import annotations

GIVEN = ["Noor", "Daan", "Sem", "Julia", "Liam", "Emma", "Finn", "Tess", "Milan", "Sara",
         "Lucas", "Yara", "Mohammed", "Eva", "Levi", "Lotte", "Anouk", "Bram", "Ayoub", "Fleur",
         "Jesse", "Lina", "Thijs", "Zoë", "Ravi", "Ilse", "Mees", "Nina", "Ömer", "Sanne"]
FAMILY = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
          "Mulder", "Bos", "El Idrissi", "Yılmaz", "Kaya", "Peters", "Hendriks", "Dijkstra",
          "Hoekstra", "van der Meer", "Postma", "Kuipers", "Wiersma", "Boersma", "Brouwer",
          "de Boer", "Haddou", "Nijenhuis", "Schaap", "Veenstra", "Zijlstra", "Bouma"]
STREETS = ["Dorpsstraat", "Kerkstraat", "Molenweg", "Schoolstraat", "Zuiderweg", "Havenkade",
           "Lindelaan", "Noorderpad", "Esdoornstraat", "Wierdenweg"]
CITIES = [("Aldermeer", "9791"), ("Zijldorp", "9793"), ("Oosterwierum", "9795"),
          ("Marum-Noord", "9797")]
PROF_FIRST = ["Anna", "Bart", "Carla", "Dennis", "Esther", "Frank", "Gerda", "Hans", "Iris",
              "Jan", "Karin", "Lars", "Marieke", "Niels", "Olga", "Paul", "Rianne", "Sven",
              "Tineke", "Wouter", "Yvonne", "Khadija", "Mehmet", "Priya"]
PROF_LAST = ["Altena", "Brink", "Cazemier", "Dam", "Eising", "Folkers", "Geertsema", "Huizinga",
             "Jonker", "Kamminga", "Luinge", "Medema", "Nienhuis", "Oosting", "Pruim", "Reitsma",
             "Sikkema", "Tuin", "Venema", "Wijk"]
NOTES = ["Signaal van school over verzuim.", "Huisbezoek afgelegd; gezin werkt mee.",
         "Zorgen over de veiligheid thuis na melding.", "Afspraken gemaakt over hulp.",
         "Evaluatie: situatie stabiel.", "Moeder geeft aan hulp te willen.",
         "Vader is niet bereikbaar geweest.", "Kind vertelt over ruzies thuis.",
         "Huisarts bevestigt behandeling.", "Schuldhulpverlening is gestart."]
CONTRIBUTIONS = ["School meldt verzuim sinds drie weken.",
                 "Moeder heeft hulp gevraagd bij de opvoeding.",
                 "Behandeling loopt; kind komt trouw op afspraken.",
                 "Zorgen over schulden en dreigende huisuitzetting.", "Wij zien vooruitgang.",
                 "Er is een melding van huiselijk geweld binnengekomen.",
                 "Het gezin staat open voor ondersteuning thuis."]
MINUTES = ["Besproken: de voortgang van het plan van aanpak; afspraken over wie wat doet.",
           "Veiligheid besproken; vervolgoverleg over vier weken.",
           "Het plan is bijgesteld; de casusregisseur koppelt terug aan het gezin."]
ACTIONS = ["Huisbezoek plannen", "Gesprek met school", "Aanmelden schuldhulpverlening",
           "Terugkoppeling aan het gezin", "Evaluatie voorbereiden", "Veiligheidsplan opstellen"]
ADVICE = ["Een leerkracht ziet blauwe plekken bij een leerling; wat zijn de volgende stappen?",
          "Een moeder vertelt over spanningen thuis; hoe bespreek ik dit met haar?",
          "Een jongere zegt niet naar huis te durven; wat kan ik doen?",
          "Een buurvrouw maakt zich zorgen over geschreeuw; wat adviseert u?"]
ADVICE_ANSWERS = ["Bespreek uw zorgen met de ouders en volg de stappen van de meldcode.",
                  "Leg vast wat u ziet en hoort, en overleg binnen uw organisatie."]
REASONS = ["Betrokken bij het gezin", "Behandelaar van het kind", "Ondersteuning thuis",
           "Schuldhulpverlening", "Advies over de veiligheid"]

INVOLVE_ROLES = ("content", "content", "content", "adviser", "informant")

