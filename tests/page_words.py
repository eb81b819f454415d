"""The vocabularies of the generated pages (tests/pages.py), seven languages.

Hand-written for the tests: the pieces of news sentences (subjects, verbs,
objects, times, places) and of the furniture around an article (menus, share
bars, datelines, "Related" markers, consent notices, footers, recipe and
product words). '|' separates the choices of a field.
"""

from __future__ import annotations

from dataclasses import dataclass


def choices(pieces: str) -> list[str]:
    """The choices of a field: its '|'-separated pieces, stripped."""
    return [piece.strip() for piece in pieces.split("|") if piece.strip()]


@dataclass(frozen=True)
class Grammar:
    """The pieces a language's sentences are made of ('|' between choices)."""

    subjects: str  # noun phrases that act: "the city council"
    verbs: str  # past tense, third person: "approved"
    objects: str  # noun phrases acted on: "a new budget"
    times: str  # "on Tuesday"
    places: str  # prepositional phrases: "in the northern region"
    tails: str  # ", according to a statement"
    joins: str  # ", and" / ", but": before a second clause
    announce: str  # what a sentence that announces a list ends with, before ":"


GRAMMARS: dict[str, Grammar] = {
    "en": Grammar(
        "the city council|the new minister|the regional government|a local company|the school board"
        "|the hospital director|the football club"
        "|the residents' association|the main opposition party"
        "|the national bank|a group of researchers|the mayor of the town",
        "approved|announced|rejected|presented|defended|criticised|postponed|welcomed|examined"
        "|published",
        "a new budget for next year|the plan to close the old station|a report on water quality"
        "|the proposal for a new bridge|the decision of the court|a study of local traffic"
        "|the results of the survey|an agreement with the unions|the project for a new library",
        "on Tuesday|last week|in March|earlier this year|after a long debate|on Friday evening",
        "in the northern region|at a meeting in the town hall|in front of journalists"
        "|for the families of the district|in the capital|during the summer",
        ", according to a statement|, officials said|, as expected by many observers"
        "|, which surprised the residents|, despite strong criticism",
        ", and|, but|, while|, although",
        "presented the main points of the plan|listed the changes in detail"
        "|gave the following figures|described the next steps as follows"),
    "fr": Grammar(
        "le conseil municipal|la nouvelle ministre|le gouvernement régional|une entreprise locale"
        "|la direction de l'hôpital|le club de football"
        "|l'association des habitants|le principal parti"
        " d'opposition|la banque nationale|un groupe de chercheurs|le maire de la commune",
        "a approuvé|a annoncé|a rejeté|a présenté|a défendu|a critiqué|a reporté|a salué|a examiné"
        "|a publié",
        "un nouveau budget pour l'an prochain|le projet de fermer l'ancienne gare"
        "|un rapport sur la qualité de l'eau|la proposition d'un nouveau pont"
        "|la décision du tribunal"
        "|une étude sur la circulation|les résultats de l'enquête|un accord avec les syndicats",
        "mardi|la semaine dernière|en mars|au début de l'année|après un long débat|vendredi soir",
        "dans la région du nord|lors d'une réunion à la mairie|devant les journalistes"
        "|pour les familles du quartier|dans la capitale|pendant l'été",
        ", selon un communiqué|, ont indiqué les responsables|, comme prévu par les observateurs"
        "|, ce qui a surpris les habitants|, malgré de vives critiques",
        ", et|, mais|, alors que|, tandis que",
        "a présenté les points principaux du plan|a détaillé les changements prévus"
        "|a donné les chiffres suivants|a décrit les prochaines étapes"),
    "de": Grammar(
        "der Stadtrat|die neue Ministerin|die Landesregierung|ein örtliches Unternehmen"
        "|die Leitung des Krankenhauses|der Fußballverein|der Verband der Anwohner|die größte"
        " Oppositionspartei|die Nationalbank|eine Gruppe von Forschern|der Bürgermeister der Stadt",
        "billigte|genehmigte|verwarf|präsentierte|verteidigte|kritisierte|verschob|begrüßte"
        "|prüfte|veröffentlichte",
        "einen neuen Haushalt für das nächste Jahr|den Plan zur Schließung des alten Bahnhofs"
        "|einen Bericht über die Wasserqualität|den Vorschlag für eine neue Brücke"
        "|die Entscheidung des Gerichts|eine Studie über den Verkehr in der Stadt"
        "|die Ergebnisse der Umfrage|eine Einigung mit den Gewerkschaften",
        "am Dienstag|in der vergangenen Woche|im März|zu Beginn des Jahres|nach einer langen"
        " Debatte|am Freitagabend",
        "in der nördlichen Region|bei einer Sitzung im Rathaus|vor den Journalisten"
        "|für die Familien des Viertels|in der Hauptstadt|während des Sommers",
        ", wie es in einer Mitteilung hieß|, sagten die Verantwortlichen|, wie viele Beobachter"
        " erwartet hatten|, was die Anwohner überraschte|, trotz heftiger Kritik",
        ", und|, aber|, doch|, denn",
        "nannte die wichtigsten Punkte des Plans|beschrieb die Änderungen im Einzelnen"
        "|veröffentlichte die folgenden Zahlen|erläuterte die nächsten Schritte"),
    "es": Grammar(
        "el ayuntamiento|la nueva ministra|el gobierno regional|una empresa local"
        "|la dirección del hospital|el club de fútbol"
        "|la asociación de vecinos|el principal partido de la"
        " oposición|el banco nacional|un grupo de investigadores|el alcalde del pueblo",
        "aprobó|anunció|rechazó|presentó|defendió|criticó|aplazó|celebró|examinó|publicó",
        "un nuevo presupuesto para el próximo año|el plan de cerrar la antigua estación"
        "|un informe sobre la calidad del agua|la propuesta de un nuevo puente"
        "|la decisión del tribunal|un estudio sobre el tráfico|los resultados de la encuesta"
        "|un acuerdo con los sindicatos",
        "el martes|la semana pasada|en marzo|a principios de año|tras un largo debate"
        "|el viernes por la noche",
        "en la región del norte|en una reunión en el ayuntamiento|ante los periodistas"
        "|para las familias del barrio|en la capital|durante el verano",
        ", según un comunicado|, dijeron los responsables|, como esperaban muchos observadores"
        "|, lo que sorprendió a los vecinos|, a pesar de las duras críticas",
        ", y|, pero|, mientras que|, aunque",
        "presentó los puntos principales del plan|detalló los cambios previstos"
        "|dio las siguientes cifras|describió los próximos pasos"),
    "it": Grammar(
        "il consiglio comunale|la nuova ministra|il governo regionale|un'azienda locale"
        "|la direzione dell'ospedale|la squadra di calcio"
        "|il comitato dei residenti|il principale partito"
        " di opposizione|la banca nazionale|un gruppo di ricercatori|il sindaco del paese",
        "ha approvato|ha annunciato|ha respinto|ha presentato|ha difeso|ha criticato|ha rinviato"
        "|ha accolto|ha esaminato|ha pubblicato",
        "un nuovo bilancio per il prossimo anno|il piano per chiudere la vecchia stazione"
        "|un rapporto sulla qualità dell'acqua|la proposta di un nuovo ponte"
        "|la decisione del tribunale|uno studio sul traffico|i risultati dell'indagine"
        "|un accordo con i sindacati",
        "martedì|la settimana scorsa|a marzo|all'inizio dell'anno|dopo un lungo dibattito"
        "|venerdì sera",
        "nella regione del nord|durante una riunione in municipio|davanti ai giornalisti"
        "|per le famiglie del quartiere|nella capitale|durante l'estate",
        ", secondo un comunicato|, hanno detto i responsabili|, come previsto da molti"
        " osservatori|, cosa che ha sorpreso i residenti|, nonostante le dure critiche",
        ", e|, ma|, mentre|, anche se",
        "ha presentato i punti principali del piano|ha illustrato le modifiche previste"
        "|ha fornito i seguenti dati|ha descritto i prossimi passi"),
    "pt": Grammar(
        "a câmara municipal|a nova ministra|o governo regional|uma empresa local"
        "|a direção do hospital|o clube de futebol|a associação de moradores|o principal partido da"
        " oposição|o banco nacional|um grupo de investigadores|o presidente da câmara",
        "aprovou|anunciou|rejeitou|apresentou|defendeu|criticou|adiou|saudou|analisou|publicou",
        "um novo orçamento para o próximo ano|o plano de fechar a antiga estação"
        "|um relatório sobre a qualidade da água|a proposta de uma nova ponte"
        "|a decisão do tribunal|um estudo sobre o trânsito|os resultados do inquérito"
        "|um acordo com os sindicatos",
        "na terça-feira|na semana passada|em março|no início do ano|após um longo debate"
        "|na sexta-feira à noite",
        "na região norte|numa reunião na câmara|perante os jornalistas"
        "|para as famílias do bairro|na capital|durante o verão",
        ", segundo um comunicado|, disseram os responsáveis|, como esperavam muitos observadores"
        "|, o que surpreendeu os moradores|, apesar das duras críticas",
        ", e|, mas|, enquanto|, embora",
        "apresentou os pontos principais do plano|detalhou as mudanças previstas"
        "|divulgou os seguintes números|descreveu os próximos passos"),
    "nl": Grammar(
        "de gemeenteraad|de nieuwe minister|de provinciale regering|een lokaal bedrijf"
        "|de directie van het ziekenhuis|de voetbalclub|de bewonersvereniging|de grootste"
        " oppositiepartij|de nationale bank|een groep onderzoekers|de burgemeester van de stad",
        "presenteerde|verdedigde|bekritiseerde|verwelkomde|onderzocht|publiceerde|verwierp"
        "|besprak",
        "een nieuwe begroting voor volgend jaar|het plan om het oude station te sluiten"
        "|een rapport over de waterkwaliteit|het voorstel voor een nieuwe brug"
        "|de beslissing van de rechtbank|een studie over het verkeer|de resultaten van het"
        " onderzoek|een akkoord met de vakbonden",
        "op dinsdag|vorige week|in maart|aan het begin van het jaar|na een lang debat"
        "|op vrijdagavond",
        "in de noordelijke regio|tijdens een vergadering in het stadhuis|tegenover journalisten"
        "|voor de gezinnen uit de wijk|in de hoofdstad|tijdens de zomer",
        ", volgens een verklaring|, zeiden de verantwoordelijken|, zoals veel waarnemers"
        " verwachtten|, wat de bewoners verraste|, ondanks felle kritiek",
        ", en|, maar|, terwijl|, hoewel",
        "noemde de belangrijkste punten van het plan|beschreef de wijzigingen in detail"
        "|gaf de volgende cijfers|beschreef de volgende stappen"),
}


@dataclass(frozen=True)
class Furniture:
    """What surrounds an article in one language ('|' between choices)."""

    nav: str
    share: str
    published: str  # a dateline, with {date} and {time}
    by: str  # the byline's word before the name
    months: str
    related: str  # the markers over a list of other headlines
    cookie: str  # consent notices written as prose
    buttons: str  # the consent buttons
    footer: str
    ingredients: str
    specs: str  # the labels of a product box


FURNITURE: dict[str, Furniture] = {
    "en": Furniture(
        "Home|News|World|Politics|Business|Sport|Culture|Opinion|Video|Podcasts|Weather",
        "Share|Facebook|Twitter|WhatsApp|Email|Copy link|Share this article",
        "Published {date}, {time}|Updated {date} at {time}|{date}", "By",
        "January|February|March|April|May|June|July|August|September|October|November|December",
        "Related|Read more|More on this story|Most read|You may also like",
        "We use cookies and similar technologies to improve your experience on our website and"
        " to show you personalised content. By clicking accept, you agree to their use."
        "|This site uses cookies to analyse traffic and to remember your preferences. You can"
        " change your settings at any time in our privacy policy.",
        "Accept all|Reject all|Manage settings",
        "Privacy policy|Terms of use|Contact us|About us|Advertise|© 2024 The Daily Courier."
        " All rights reserved.",
        "flour|eggs|butter|sugar|salt|milk|onions|tomatoes|olive oil|garlic",
        "Price|Weight|Battery|Screen|Colour|Warranty"),
    "fr": Furniture(
        "Accueil|Actualités|Monde|Politique|Économie|Sport|Culture|Opinions|Vidéos|Météo",
        "Partager|Facebook|Twitter|WhatsApp|E-mail|Copier le lien|Partager cet article",
        "Publié le {date} à {time}|Mis à jour le {date} à {time}|{date}", "Par",
        "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
        "À lire aussi|Sur le même sujet|Les plus lus|Lire la suite",
        "Nous utilisons des cookies et des technologies similaires pour améliorer votre"
        " expérience sur notre site et vous proposer des contenus personnalisés. En cliquant sur"
        " accepter, vous consentez à leur utilisation.|Ce site utilise des cookies pour mesurer"
        " l'audience et retenir vos préférences. Vous pouvez modifier vos choix à tout moment.",
        "Tout accepter|Tout refuser|Paramétrer les cookies",
        "Politique de confidentialité|Mentions légales|Contact|Qui sommes-nous|Publicité"
        "|© 2024 Le Courrier du Matin. Tous droits réservés.",
        "farine|œufs|beurre|sucre|sel|lait|oignons|tomates|huile d'olive|ail",
        "Prix|Poids|Batterie|Écran|Couleur|Garantie"),
    "de": Furniture(
        "Startseite|Nachrichten|Welt|Politik|Wirtschaft|Sport|Kultur|Meinung|Videos|Wetter",
        "Teilen|Facebook|Twitter|WhatsApp|E-Mail|Link kopieren|Artikel teilen",
        "Veröffentlicht am {date} um {time} Uhr|Aktualisiert am {date}|{date}", "Von",
        "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember",
        "Mehr zum Thema|Lesen Sie auch|Meistgelesen|Das könnte Sie auch interessieren",
        "Wir verwenden Cookies und ähnliche Technologien, um Ihnen ein besseres Nutzererlebnis"
        " auf unserer Website zu bieten. Mit einem Klick auf Akzeptieren stimmen Sie der"
        " Verwendung zu.|Diese Website nutzt Cookies, um die Nutzung zu analysieren und Ihre"
        " Einstellungen zu speichern. Sie können Ihre Auswahl jederzeit ändern.",
        "Alle akzeptieren|Alle ablehnen|Einstellungen",
        "Datenschutz|Impressum|Kontakt|Über uns|Werbung|© 2024 Der Morgenkurier. Alle Rechte"
        " vorbehalten.",
        "Mehl|Eier|Butter|Zucker|Salz|Milch|Zwiebeln|Tomaten|Olivenöl|Knoblauch",
        "Preis|Gewicht|Akku|Bildschirm|Farbe|Garantie"),
    "es": Furniture(
        "Inicio|Noticias|Mundo|Política|Economía|Deportes|Cultura|Opinión|Vídeos|Tiempo",
        "Compartir|Facebook|Twitter|WhatsApp|Correo|Copiar enlace|Compartir este artículo",
        "Publicado el {date} a las {time}|Actualizado el {date}|{date}", "Por",
        "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre"
        "|diciembre",
        "Te puede interesar|Noticias relacionadas|Lo más leído|Leer más",
        "Utilizamos cookies y tecnologías similares para mejorar su experiencia en nuestro sitio"
        " web y mostrarle contenidos personalizados. Al hacer clic en aceptar, usted consiente"
        " su uso.|Este sitio utiliza cookies para analizar el tráfico y recordar sus"
        " preferencias. Puede cambiar su configuración en cualquier momento.",
        "Aceptar todo|Rechazar todo|Configurar",
        "Política de privacidad|Aviso legal|Contacto|Quiénes somos|Publicidad|© 2024 El Correo"
        " de la Mañana. Todos los derechos reservados.",
        "harina|huevos|mantequilla|azúcar|sal|leche|cebollas|tomates|aceite de oliva|ajo",
        "Precio|Peso|Batería|Pantalla|Color|Garantía"),
    "it": Furniture(
        "Home|Notizie|Mondo|Politica|Economia|Sport|Cultura|Opinioni|Video|Meteo",
        "Condividi|Facebook|Twitter|WhatsApp|Email|Copia link|Condividi questo articolo",
        "Pubblicato il {date} alle {time}|Aggiornato il {date}|{date}", "Di",
        "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre"
        "|dicembre",
        "Leggi anche|Articoli correlati|I più letti|Potrebbe interessarti",
        "Utilizziamo i cookie e tecnologie simili per migliorare la tua esperienza sul nostro"
        " sito e mostrarti contenuti personalizzati. Cliccando su accetta, acconsenti al loro"
        " utilizzo.|Questo sito utilizza i cookie per analizzare il traffico e ricordare le tue"
        " preferenze. Puoi modificare le tue scelte in qualsiasi momento.",
        "Accetta tutti|Rifiuta tutti|Impostazioni",
        "Privacy|Note legali|Contatti|Chi siamo|Pubblicità|© 2024 Il Corriere del Mattino."
        " Tutti i diritti riservati.",
        "farina|uova|burro|zucchero|sale|latte|cipolle|pomodori|olio d'oliva|aglio",
        "Prezzo|Peso|Batteria|Schermo|Colore|Garanzia"),
    "pt": Furniture(
        "Início|Notícias|Mundo|Política|Economia|Desporto|Cultura|Opinião|Vídeos|Tempo",
        "Partilhar|Facebook|Twitter|WhatsApp|E-mail|Copiar link|Partilhar este artigo",
        "Publicado em {date} às {time}|Atualizado em {date}|{date}", "Por",
        "janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro"
        "|dezembro",
        "Leia também|Notícias relacionadas|Mais lidas|Saiba mais",
        "Utilizamos cookies e tecnologias semelhantes para melhorar a sua experiência no nosso"
        " site e apresentar conteúdos personalizados. Ao clicar em aceitar, concorda com a sua"
        " utilização.|Este site utiliza cookies para analisar o tráfego e guardar as suas"
        " preferências. Pode alterar as suas escolhas a qualquer momento.",
        "Aceitar todos|Rejeitar todos|Definições",
        "Política de privacidade|Termos de utilização|Contactos|Quem somos|Publicidade"
        "|© 2024 O Correio da Manhã. Todos os direitos reservados.",
        "farinha|ovos|manteiga|açúcar|sal|leite|cebolas|tomates|azeite|alho",
        "Preço|Peso|Bateria|Ecrã|Cor|Garantia"),
    "nl": Furniture(
        "Home|Nieuws|Wereld|Politiek|Economie|Sport|Cultuur|Opinie|Video|Weer",
        "Delen|Facebook|Twitter|WhatsApp|E-mail|Link kopiëren|Deel dit artikel",
        "Gepubliceerd op {date} om {time}|Bijgewerkt op {date}|{date}", "Door",
        "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
        "|december",
        "Lees ook|Meer over dit onderwerp|Meest gelezen|Gerelateerd",
        "Wij gebruiken cookies en vergelijkbare technieken om uw ervaring op onze website te"
        " verbeteren en u gepersonaliseerde inhoud te tonen. Door op accepteren te klikken,"
        " gaat u akkoord met het gebruik ervan.|Deze site gebruikt cookies om het verkeer te"
        " analyseren en uw voorkeuren te onthouden. U kunt uw keuze altijd wijzigen.",
        "Alles accepteren|Alles weigeren|Instellingen",
        "Privacybeleid|Gebruiksvoorwaarden|Contact|Over ons|Adverteren|© 2024 De Ochtendkoerier."
        " Alle rechten voorbehouden.",
        "bloem|eieren|boter|suiker|zout|melk|uien|tomaten|olijfolie|knoflook",
        "Prijs|Gewicht|Batterij|Scherm|Kleur|Garantie"),
}

NAMES = ("Anna Keller|Marc Dubois|Laura Rossi|João Silva|Pieter de Vries|Carmen López"
         "|Thomas Weber|Sophie Martin|Emma Janssen|Luca Bianchi|Claire Moreau|David Brown")
CITIES = "Paris|Berlin|Madrid|Roma|Lisboa|Amsterdam|London|Wien|Lyon|Porto|Milano|Gent"
VENUES = "Olympia|Tempodrom|La Riviera|Alcatraz|Coliseu|Paradiso|Roundhouse|Arena|Zénith"
