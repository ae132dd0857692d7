package sample

// printed holds the partner tables as the PDF reports print them, line by
// line: cells separated by " | ", a line break inside a printed cell written
// as \n, header lines marked with ^. They are transcribed from the seeds (seed 000 §2-3, seed 002 §3.1,
// seed 004 §2-3); partnerCSV writes them in the ways staff make CSVs.
var printed = []struct{ file, text string }{
	{"akj_2021_clienten.csv", `
^Cliënten AKJ | Veilig Thuis Utrecht |  | SAVE Flevoland |  | SAVE Utrecht |
Ouders | 60 | 69% | 69 | 78% | 220 | 73%
Jongere | 4 | 5% | 11 | 13% | 42 | 14%
Derden | 23 | 26% | 8 | 9% | 40 | 13%
 | 87 |  | 88 |  | 302 |`},
	{"akj_2021_afhandeling.csv", `
^Afhandeling | Veilig Thuis Utrecht |  | SAVE Flevoland |  | SAVE Utrecht |
Informeel | 50 |  | 59 |  | 357 |
Gesprek leidinggevende | 25 | 50% | 27 | 46% | 234 | 66%
Schriftelijke afdoening | 9 | 18% | 8 | 14% | 44 | 12%
Gesprek medewerker | 8 | 16% | 13 | 22% | 54 | 15%
Overige activiteit | 8 | 16% | 11 | 19% | 25 | 7%
Formeel | 5 |  | 5 |  | 33 |
Klachtencommissie | 5 |  | 5 |  | 31 |
Afgebroken | 0 | 0% | 0 | 0% | 16 | 48%
Gegrond | 0 | 0% | 0 | 0% | 4 | 12%
Ongegrond | 3 | 60% | 0 | 0% | 3 | 9%
Deels gegrond | 2 | 40% | 0 | 0% | 0 | 0%
Nog lopend | 0 | 0% | 5 | 100% | 10 | 30%
Bezwaar/Beroep | 0 |  | 0 |  | 2 |
Signalen | 0 |  | 1 |  | 2 |`},
	{"akj_2021_aard_contact.csv", `
^Aard van het contact | Veilig Thuis Utrecht | SAVE Flevoland | SAVE Utrecht
Vragen | 50 | 31 | 164
Problemen | 6 | 4 | 18
Klachten | 93 | 147 | 541
 | 149 | 182 | 723`},
	{"kjmn_2021_hoorzittingen.csv", `
^Hoorzittingen KJMN | 2021 | 2020 | 2019 | 2018 | 2017 | 2016 | 2015 | 2014
 | 23 | 19 | 13 | 14 | 17 | 26 | 19 | 23`},
	{"kjmn_2019_klachtonderdelen.csv", `
^Klachtonderdelen 2019 | Aantal | Percentage
gegrond | 13 | 22,4 %
deels gegrond | 10 | 17,2 %
ongegrond | 32 | 55,2 %
geen uitspraak | 3 | -
Totaal | 58 |`},

	{"akj_2016_haarlem_tabel_a.csv", `
Tabel A. Aantal unieke cliënten met wie de vertrouwenspersoon contact heeft gehad.
^ | Totaal | Totaal | Totaal
^ | 2016 | nieuw 2016 | 2015
Jeugdigen | 5.915 | 5.577 | 4.025
Volwassenen | 4.657 | 3.858 | 3.382
Totaal | 10.572 | 9.435 | 7.404`},
	{"akj_2016_haarlem_tabel_b.csv", `
Tabel B. Aantal nieuwe vragen, problemen en klachten.
^ | Totaal 2016 | Totaal 2015
Gestelde vragen | 3.258 | 2.466
Besproken problemen | 3.857 | 2.196
Geuite klachten | 13.745 | 10.353
Totaal | 20.860 | 15.015`},
	{"akj_2016_haarlem_tabel_c1.csv", `
Tabel C1. Top 3 gestelde vragen (inclusief aantallen).
^Totaal 2016 | Totaal 2015
1.  Werkwijze instantie (1.446) | 1.  Werkwijze instantie (1.237)
2.  Wetgeving (1.090) | 2.  Wetgeving (799)
3.  Andere vragen (644) | 3.  Andere vragen (378)`},
	{"akj_2016_haarlem_tabel_c2.csv", `
Tabel C2. Top 3 besproken problemen (inclusief aantallen).
^Totaal 2016 | Totaal 2015
1.  Woonsituatie / Groep /\nGroepsgenoten\n (1.082) | 1.  Woonsituatie / Groep /\nGroepsgenoten\n (634)
2.  Familie / Thuis (765) | 2.  Familie / Thuis (432)
3.  Persoonlijke geschiedenis in de\n hulpverlening (468) | 3.  Persoonlijke geschiedenis in de\n hulpverlening (278)`},
	{"akj_2016_haarlem_tabel_c3.csv", `
Tabel C3. Top 3 geuite klachten (inclusief aantallen).
^Totaal 2016 | Totaal 2015
1.  Bejegening (3.656) | 1.  Gebrekkige informatie (2.433)
2.  Beslissingen (2.322) | 2.  Bejegening (1.803)
3.  Gebrekkige informatie (2.012) | 3.  Beslissingen (1.624)`},
	{"akj_2016_haarlem_tabel_d.csv", `
Tabel D. Aantal cliënten met vragen, problemen en klachten over de Toegang Jeugdhulp.
^ | Totaal 2016 | Totaal | Totaal 2015
^ |  | nieuw |
^ |  | 2016 |
Jeugdigen | 45 | 43 | 15
Volwassenen | 741 | 669 | 294
Totaal | 786 | 712 | 309`},
	{"akj_2016_haarlem_tabel_e.csv", `
Tabel E. Aantal nieuwe vragen, problemen en klachten over de toegang jeugdhulp.
^ | Totaal 2016 | Totaal 2015
Gestelde vragen | 388 | 178
Besproken problemen | 42 | 13
Geuite klachten | 1569 | 540
Totaal | 1999 | 731`},
	{"akj_2016_haarlem_tabel_f1.csv", `
Tabel F1. Top 3 gestelde vragen (inclusief aantallen).
^Totaal 2016 | Totaal 2015
1.  Werkwijze instantie (202) | 1.  Werkwijze instantie (86)
2.  Wetgeving (133) | 2.  Wetgeving (67)
3.  Andere vragen (53) | 3.  Andere vragen (25)`},
	{"akj_2016_haarlem_tabel_f2.csv", `
Tabel F2. Top 3 besproken problemen (inclusief aantallen).
^Totaal 2016 | Totaal 2015
1.  Familie / Thuis (10) | 1. Familie/ Thuis(4)
2.  Woonsituatie / Groep /\nGroepsgenoten (8) | 2. Persoonlijke geschiedenis in de\nhulpverlening (2)
3.  Persoonlijke geschiedenis in de\n hulpverlening (6) | 3. Seksualiteit/ Relaties (2)`},
	{"akj_2016_haarlem_tabel_f3.csv", `
Tabel F3. Top 3 geuite klachten (inclusief aantallen).
^Totaal 2016 | Totaal 2015
1.  Bejegening (477) | 1.  Gebrekkige informatie (160)
2.  Beslissingen (269) | 2.  Beslissingen (87)
3.  Gebrekkige informatie (263) | 3.  Bejegening (85)`},
	{"akj_2016_haarlem_tabel_1a.csv", `
Tabel 1a. Aantal unieke cliënten met wie contact is geweest voor uitleg over de vertrouwensfunctie en rechtspositie.
^ | Totaal | Nieuw
Jeugdigen | 29 | 24
Ouders | 38 | 33
Onbekend/anders | 10 | 8
Familieleden | 6 | 6
Pleegouders | 2 | 1
Hulpverleners | 1 | 1
Totaal aantal cliënten | 86 | 73`},
	{"akj_2016_haarlem_tabel_1b.csv", `
^Tabel 1b. Uitsplitsing categorie ouders. | Totaal | Nieuw
Ouder met gezag | 33 | 28
Ouder gezag onbekend | 2 | 2
Stiefouder | 2 | 2
Ouder zonder gezag | 1 | 1
Totaal aantal ouders | 38 | 33`},
	{"akj_2016_haarlem_tabel_1c.csv", `
^Tabel 1c. Geslacht cliënten. | Totaal | Nieuw
Vrouw | 63 | 53
Man | 23 | 20
Totaal aantal cliënten | 86 | 73`},
	{"akj_2016_haarlem_tabel_2a.csv", `
^Tabel 2a. Type vragen in aantallen. | Totaal | Nieuw
Werkwijze instantie | 10 | 10
Wetgeving | 11 | 11
 Andere vragen | 12 | 12
Totaal aantal vragen | 33 | 33`},
	{"akj_2016_haarlem_tabel_2b.csv", `
^Tabel 2b. Type problemen in aantallen. | Totaal | Nieuw
Familie / Thuis | 2 | 2
Persoonlijke geschiedenis in de hulpverlening | 1 | 1
Psychisch / Welzijn | 3 | 3
Vrienden / School / Werk | 1 | 1
Woonsituatie / Groep / Groepsgenoten | 7 | 7
Andere problemen | 1 | 1
Totaal aantal problemen | 15 | 15`},
	{"akj_2016_haarlem_tabel_2c.csv", `
^Tabel 2c. Type klachten in aantallen. | Totaal | Nieuw
Bejegening | 47 | 34
Bereikbaarheid / Beschikbaarheid / Afspraken | 19 | 13
Beslissingen | 24 | 22
Dossier | 1 | 1
Gebrekkige informatie | 41 | 29
Klachtenprocedure | 3 | 3
Onderzoek | 8 | 2
Privacy | 2 | 1
Rapportage | 15 | 11
Uitvoering jeugdhulp | 16 | 16
Totaal aantal klachten | 176 | 132`},
	{"akj_2016_haarlem_tabel_2d.csv", `
Tabel 2d. Nieuwe vragen, problemen en klachten uitgesplitst naar het aantal cliënten dat deze geuit heeft.
^ | Totaal | Cliënten
^ | geuit |
Nieuwe vragen in deze rapportageperiode | 33 | 22
Nieuwe problemen in deze rapportageperiode | 15 | 7
Nieuwe klachten in deze rapportageperiode | 132 | 44`},
	{"akj_2016_haarlem_tabel_3.csv", `
Tabel 3. Aantal contacten met en ten behoeve van cliënten.
^ | Totaal
Individueel kennismakingsgesprek en uitleg rechtspositie | 64
Contacten bij vragen, problemen en klachten | 471`},
	{"akj_2016_haarlem_tabel_4.csv", `
Tabel 4. Aantal vragen, problemen en klachten besproken in het contact met een vertrouwenspersoon uitgesplitst naar de wijze van afhandeling.
^ | Totaal
Eerste contact loopt nog | 11
Afgerond met informatie en advies | 107
Afgebroken | 0
Door naar een ondersteuningstraject | 106`},
	{"akj_2016_haarlem_tabel_5.csv", `
Tabel 5. Het aantal acties dat ingezet is in een afgerond ondersteuningstraject.
^ | Één | Meerdere
^ | actie | acties
^ | uitgezet | uitgezet
Vragen | 3 | 1
Problemen | 0 | 0
Klachten | 71 | 16`},
	{"akj_2016_haarlem_tabel_6.csv", `
Tabel 6. Het type actie dat ingezet is op een vraag, probleem of klacht in een ondersteuningstraject afgezet tegen de uitkomst.*
^ | Opgelost | Deels | Niet | Ingetrokken | KC-BB-TR: | Actie | Totaal
^ | / KC-BB- | opgelost / | opgelost / | / KC-BB-TR: | niet- | loopt | aantal
^ | TR: | KC-BB-TR: | KC-BB-TR: | geen | ontvankelijk | nog | type
^ | gegrond | deels | ongegrond | uitspraak of |  |  | acties
^ |  | gegrond, |  | ingetrokken |  |  |
^ |  | deels |  |  |  |  |
^ |  | ongegrond |  |  |  |  |
Gesprek medewerker | 6 | 0 | 0 | 4 | 0 | 0 | 10
Gesprek\nleidinggevende | 18 | 3 | 17 | 13 | 0 | 12 | 63
Gesprek directie/MT | 0 | 0 | 0 | 0 | 0 | 0 | 0
Schriftelijke afdoening | 2 | 0 | 0 | 0 | 0 | 0 | 2
Klachtencommissie | 3 | 0 | 6 | 0 | 0 | 20 | 29
Bezwaar/ beroep | 0 | 0 | 0 | 0 | 0 | 0 | 0
Tuchtrecht | 0 | 0 | 0 | 0 | 0 | 0 | 0
Overige activiteiten | 0 | 0 | 0 | 4 | 0 | 0 | 4
Totaal aantal\nuitkomsten | 29 | 3 | 23 | 21 | 0 | 32 | 108
* Ter beoordeling van de cliënt / KC-BB-TR: uitkomst van klachtencommissie, bezwaar en beroep en tuchtrecht.`},
	{"akj_2016_haarlem_tabel_7.csv", `
Tabel 7. Gemiddeld rapportcijfer van de cliënt over het vertrouwenswerk (totaalcijfer, niet per instelling of regio).
^ | Totaal
Jeugdigen | 8,7
Volwassenen | 8,4`},
	{"akj_2016_haarlem_tabel_8a.csv", `
Tabel 8a. Instanties gevestigd in de gemeente, waar vertrouwenswerk is uitgevoerd.
De Hartekampgroep
De Jeugd- & Gezinsbeschermers
De Opbouw Lijn5 Noord-Holland
Kenter Jeugdhulp
Leger des Heils Noord-Holland
Toegang Jeugdhulp
Veilig Thuis Kennemerland`},
	{"akj_2016_haarlem_tabel_8b.csv", `
Tabel 8b. Aantal cliënten dat contact opgenomen heeft over een instantielocatie in de gemeente of over de toegang jeugdhulp in de gemeente.
^ | Jeugdigen | Volwassenen | Totaal
De Jeugd- & Gezinsbeschermers | 5 | 72 | 77
De Opbouw Lijn5 Noord-Holland | 7 | 0 | 7
Kenter Jeugdhulp | 25 | 3 | 28
Leger des Heils Noord-Holland | 0 | 1 | 1
Toegang Jeugdhulp | 0 | 10 | 10
Veilig Thuis Kennemerland | 0 | 7 | 7
Totaal aantal cliënten | 37 | 93 | 130`},
	{"akj_2016_haarlem_tabel_9a.csv", `
Tabel 9a. Top 3 onderwerpen waarover contact wordt opgenomen door JEUGDIGEN over een instantielocatie of de toegang jeugdhulp in de gemeente.
Vragen
1. Wetgeving
2. Werkwijze instantie
3. Andere vragen
Problemen
1. Woonsituatie / Groep / Groepsgenoten
2. Vrienden / School / Werk
3. Psychisch / Welzijn
Klachten
1. Bejegening
2. Uitvoering jeugdhulp
3. Gebrekkige informatie`},
	{"akj_2016_haarlem_tabel_9b.csv", `
Tabel 9b. Top 3 onderwerpen waarover contact wordt opgenomen door VOLWASSENEN over een instantielocatie of de toegang jeugdhulp in de gemeente.
Vragen
1. Wetgeving
2. Werkwijze instantie
3. Andere vragen
Problemen
1. Lichamelijk / Psychisch geweld
2. Andere problemen
Klachten
1. Bejegening
2. Gebrekkige informatie
3. Beslissingen`},
	{"akj_2016_haarlem_tabel_10.csv", `
Tabel 10. Aantal groepsbezoeken en voorlichtingen bij instantielocaties en bij toegang jeugdhulp in de gemeente.
^ | Totaal
Groepsbezoeken | 34
Voorlichting medewerkers instanties en toegang jeugdhulp | 5
Voorlichting groep jongeren | 12
Voorlichting cliëntenraad | 0
Voorlichting jongerenraad | 0
Voorlichting anders / overig | 1
Totaal | 52`},
	{"akj_2016_haarlem_tabel_11.csv", `
Tabel 11. Aantal signalen op het gebied van veiligheid en leefklimaat bij instantielocaties of toegang jeugdhulp in de gemeente.
^ | Totaal
Signalen instanties (inclusief Jeugdbescherming en Veilig Thuis) | 4
Signalen toegang jeugdhulp | 0`},
}
