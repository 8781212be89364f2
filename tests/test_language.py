"""The prompt filters on real sentences from the seed essays and test texts."""

import pytest

from debateprep.language import EssayWords, Refused
from debateprep.rules import prompt_template


def render(template, lowercase_words=frozenset(), essay="", **slots):
    return prompt_template(template).render(**slots, _essay_words=EssayWords(lowercase_words, essay))


@pytest.mark.parametrize("clause, expected", [
    ("The West should show clearly and loudly that thuggery needs redress",
     "should the West show clearly and loudly that thuggery needs redress"),
    ("Any negotiations would harm the high morale of the Ukrainian army.",
     "would any negotiations harm the high morale of the Ukrainian army"),
    ("Russia should return seized territories", "should Russia return seized territories"),
    ("Ukraine’s NATO membership isn’t possible", "is Ukraine’s NATO membership not possible"),
    ("I can see no way out", "can the author see no way out"),
    ("This means that a new conflict is inevitable", "is a new conflict inevitable"),
])
def test_question_inverts_modal_copula_and_auxiliary_clauses(clause, expected):
    assert render("{{ s|question }}", s=clause) == expected


def test_question_without_an_auxiliary_asks_whether_it_is_true():
    text = render("{{ s|question }}?", frozenset({"prices"}), s="Prices rose sharply.")
    assert text == "is it true that prices rose sharply?"


@pytest.mark.parametrize("sentence, expected", [
    ("I doubt Mr Putin will risk going nuclear.", "the author doubts Mr Putin will risk going nuclear."),
    ("I don’t think my school needs uniforms", "the author does not think their school needs uniforms"),
    ("when I turn my heating down", "when the author turns their heating down"),
    ("Don’t make me laugh!", "Don’t make the author laugh!"),
    ("When I say he lost, I mean it", "When the author says he lost, the author means it"),
    ("I’m sure the library matters", "the author is sure the library matters"),
    ("I hardly ever find a bag in the hedge", "the author hardly ever finds a bag in the hedge"),
    ("I also think we should wait", "the author also thinks we should wait"),
    ("a friend of mine who teaches in Leeds", "a friend of the author's who teaches in Leeds"),
    ("I now live two streets from the site", "the author now lives two streets from the site"),
    ("I regularly have to turn people away", "the author regularly has to turn people away"),
    ("I apply for the grant every year", "the author applies for the grant every year"),
])
def test_author_shifts_first_person(sentence, expected):
    assert render("{{ s|author }}", s=sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("This means that a new conflict is inevitable", "a new conflict is inevitable"),
    ("It is important to understand that Mr Putin and his inner circle have lived under mafia codes",
     "Mr Putin and his inner circle have lived under mafia codes"),
    ("When I say Mr Putin got into this war in vain, I mean that it is impossible to come away with any kind of victory",
     "it is impossible to come away with any kind of victory"),
    ("So, in fact, the library is our only quiet room", "the library is our only quiet room"),
    ("Mr Putin is now fighting a fourth war", "Mr Putin is now fighting a fourth war"),
    ("In our view, a delay is better than a mistake", "a delay is better than a mistake"),
    ("Admittedly, a paper bag takes more energy to make", "a paper bag takes more energy to make"),
    ("I now think the council should ban them", "the council should ban them"),
    ("I have come to the view that the rule does more good than harm", "the rule does more good than harm"),
    ("Put another way, a week of visits cost more than a pension", "a week of visits cost more than a pension"),
    ("I'll bet you won't go back", "you won't go back"),
    ("I want to tell you why this branch should fight the closure", "this branch should fight the closure"),
    ("I'd bet my last pound that the ferry will be late", "I'd bet my last pound that the ferry will be late"),
    ("We simply think you should pay people to study", "you should pay people to study"),
])
def test_unframe_drops_leading_discourse_frames(sentence, expected):
    assert render("{{ s|unframe }}", s=sentence) == expected


def test_clause_lowercases_common_words_but_keeps_names():
    vocabulary = frozenset({"ending", "prices"})
    assert render("{{ s|clause }}", vocabulary, s="And ending the war isn’t going to help.") == \
        "ending the war isn’t going to help"
    assert render("{{ s|clause }}", vocabulary, s="Mr Putin is politically wounded") == "Mr Putin is politically wounded"
    assert render("{{ s|clause }}", vocabulary, s="NATO countries need to spend vast sums") == \
        "NATO countries need to spend vast sums"
    assert render("{{ s|clause }}", vocabulary, s="Means-testing misses eligible children") == \
        "means-testing misses eligible children"
    assert render("{{ s|clause }}", vocabulary, s="Stratford-upon-Avon gets most of the coaches") == \
        "Stratford-upon-Avon gets most of the coaches"
    assert render("{{ s|clause }}", vocabulary, s="Congress and state lawmakers should act") == \
        "Congress and state lawmakers should act"


@pytest.mark.parametrize("slot, expected", [
    ("most diners don't hand it back, of course", "most diners don't hand it back"),
    ("the fee is fair, I think", "the fee is fair"),
    ("the figures are out of date, too", "the figures are out of date"),
    ("we should keep the rota, and here's why", "we should keep the rota"),
    # an aside inside the clause is not at its close
    ("the fee, of course, is fair", "the fee, of course, is fair"),
])
def test_clause_drops_an_aside_that_closes_the_sentence(slot, expected):
    assert render("{{ s|clause }}", s=slot) == expected


def test_clause_lowercases_a_gerund_that_opens_a_clause_but_not_a_place_name():
    assert render("{{ s|clause }}", s="Cutting those hours would save roughly $310,000") == \
        "cutting those hours would save roughly $310,000"
    assert render("{{ s|clause }}", s="Banning the cars helps") == "banning the cars helps"
    assert render("{{ s|clause }}", s="Reading Borough Council voted no") == "Reading Borough Council voted no"
    assert render("{{ s|clause }}", s="Beijing has grown") == "Beijing has grown"


def test_clause_lowercases_a_gerund_whose_verb_the_essay_writes_in_lower_case():
    vocabulary = frozenset({"renew", "cut", "stopped"})
    assert render("{{ s|clause }}", vocabulary, s="Renewing on current terms would help") == \
        "renewing on current terms would help"
    assert render("{{ s|clause }}", vocabulary, s="Cutting back now would hurt") == "cutting back now would hurt"
    assert render("{{ s|clause }}", vocabulary, s="Stopping here is wise") == "stopping here is wise"
    assert render("{{ s|clause }}", vocabulary, s="Kettering in May voted no") == "Kettering in May voted no"


def test_clause_lowercases_an_opening_adverb_or_plural_common_noun():
    assert render("{{ s|clause }}", s="Soon the city will run out of water.") == "soon the city will run out of water"
    assert render("{{ s|clause }}", s="Perhaps Mr Putin will wait") == "perhaps Mr Putin will wait"
    assert render("{{ s|clause }}", s="Critics warn that the charge will hurt") == "critics warn that the charge will hurt"
    assert (render("{{ s|clause }}", s="Neighbouring Carsby set up a salaried dental service")
            == "neighbouring Carsby set up a salaried dental service")


@pytest.mark.parametrize("slot, expected", [
    ("Finland, which bought off Joseph Stalin by conceding Karelia in 1940 and becoming a satellite of the Soviet Union",
     "Finland"),
    ("Mr Putin is now fighting a fourth war, which, like his previous ones in Chechnya, Georgia and Syria, he started",
     "Mr Putin is now fighting a fourth war"),
    ("the town’s only library", "the town’s only library"),
    ("choosing an outfit is an important part of growing up and discovering who you are",
     "choosing an outfit is an important part of growing up and discovering who you are"),
    ("the council kept the library open late for many years while the budget was growing",
     "the council kept the library open late for many years"),
    # an aside's commas are no clause break
    ("One Danish study, for instance, found that admissions rose by 5 per cent in the week after the clocks changed",
     "One Danish study, for instance, found that admissions rose by 5 per cent in the week after the clocks changed"),
    # a range between commas is an aside, not the tail of a list
    ("send a powerful message to autocracies, from China and North Korea to Iran, that the West is weak",
     "send a powerful message to autocracies, from China and North Korea to Iran, that the West is weak"),
    # a list's commas are no clause break: the cut comes after the list
    ("the council should keep the seafront, bus-station and park toilets open, set up a community scheme for the rest",
     "the council should keep the seafront, bus-station and park toilets open"),
    # nor is an example's
    ("a few species, like the Arabian oryx, were saved partly thanks to zoo breeding programmes in Europe and Asia",
     "a few species, like the Arabian oryx, were saved partly thanks to zoo breeding programmes in Europe and Asia"),
    # a phrasal verb keeps its particle
    ("nobody is going to take the shop on, because the rent would swallow a part-time wage and more",
     "nobody is going to take the shop on"),
    # nor a fronted aside's ("for its part", "by contrast")
    ("The council, for its part, says the centre costs £400,000 a year to run, and that the roof needs replacing",
     "The council, for its part, says the centre costs £400,000 a year to run"),
    # nor a hedge on a report
    ("Andy's argument, as I understand it, is that the online events are emptying the club room, and that it matters",
     "Andy's argument, as I understand it, is that the online events are emptying the club room"),
    # and a preposition stranded before the comma stays
    ("charging goes against everything the hall was built for, and that the toddler group should not pay",
     "charging goes against everything the hall was built for"),
    # a relative clause between a subject and its verb is dropped, not cut at
    ("Dana Whitfield, who ran conservation at the Lakeshore Museum for two decades, told me that handling wears objects out",
     "Dana Whitfield told me that handling wears objects out"),
    ("the existing rules, with construction management plans and party wall agreements, already protect neighbours well enough",
     "the existing rules already protect neighbours well enough"),
    # but not a phrase that opens a list, nor one after a long clause
    ("grant the extension for a trial period of two years, with a public review of noise, traffic and litter figures",
     "grant the extension for a trial period of two years"),
    # a clause in which the author speaks is cut however short the slot
    ("the hangars steal parking from people who need it, and I understand the anger",
     "the hangars steal parking from people who need it"),
    ("levies simply do not work, and point to towns that have scrapped theirs", "levies simply do not work"),
    # a manner or a state set off by commas is no clause break
    ("students who just had their phone on the desk, switched off, scored ten per cent lower on memory tests than the rest",
     "students who just had their phone on the desk, switched off, scored ten per cent lower on memory tests than the rest"),
    ("auditions, done well, are the best way to match young performers to roles that stretch them without overwhelming them",
     "auditions, done well, are the best way to match young performers to roles that stretch them without overwhelming them"),
    # a fronted phrase is no clause: the cut comes after the main clause it leads into
    ("in trusts which have brought in this kind of rule, over-75s are twice as likely to refuse surgery, the charity says",
     "in trusts which have brought in this kind of rule, over-75s are twice as likely to refuse surgery"),
])
def test_trim_cuts_a_long_slot_at_its_first_clause(slot, expected):
    assert render("{{ s|trim }}", s=slot) == expected


def test_subject_and_predicate_split_at_the_verb():
    sentence = "Mr Putin will simply not be able to fight"
    assert render("{{ s|subject }}", s=sentence) == "Mr Putin"
    assert render("{{ s|predicate }}", s=sentence) == "will simply not be able to fight"


@pytest.mark.parametrize("filter_name", ["subject", "predicate"])
def test_subject_and_predicate_refuse_a_clause_without_auxiliary(filter_name):
    with pytest.raises(Refused):
        render("{{ s|%s }}" % filter_name, s="Prices rose sharply")


def test_np_accepts_noun_phrases_and_refuses_clauses():
    assert render("{{ s|np }}", s="the high morale of the Ukrainian army") == "the high morale of the Ukrainian army"
    for clause in ("even capturing Ukraine is not the end", "there’s another partial mobilisation",
                   "that the city builds more homes", "the choice of",
                   "at the time that the circuses", "he's been told he"):
        with pytest.raises(Refused):
            render("{{ s|np }}", s=clause)


def test_np_refuses_a_phrase_with_a_reporting_verb():
    for phrase in ("68 per cent of parents of elementary students said homework", "Others warn that votes at sixteen"):
        with pytest.raises(Refused):
            render("{{ s|np }}", s=phrase)
    assert render("{{ s|np }}", s="the parents of elementary students") == "the parents of elementary students"


def test_np_refuses_a_bare_pronoun_that_names_nothing_out_of_its_sentence():
    for pronoun in ("them", "it", "They", "this"):
        with pytest.raises(Refused):
            render("{{ s|np }}", s=pronoun)
    assert render("{{ s|np }}", s="those children") == "those children"
    assert render("{{ s|np }}", s="their children") == "their children"


def test_np_refuses_a_subject_cut_before_its_adverb():
    for phrase in ("This simply", "the new rota actually"):
        with pytest.raises(Refused):
            render("{{ s|np }}", s=phrase)
    assert render("{{ s|np }}", s="the rota alone") == "the rota alone"


@pytest.mark.parametrize("subject, expected", [
    ("The council", "wants"), ("Schools", "want"), ("Mr Putin and his inner circle", "want"),
    ("the mayor", "wants"), ("we", "want"), ("Officials on the ground", "want"),
    ("Parents I interviewed", "want"), ("The head of the science department", "wants"),
    ("children in replica kits", "want"), ("The police", "want"), ("Members opposite", "want"),
    ("other countries where ratios are looser", "want"), ("some of those old side-by-sides", "want"),
    ("one of the schools", "wants"), ("most of the town", "wants"),
    ("quotes collected by the advice centre", "want"), ("the report published by the council", "wants"),
])
def test_agree_puts_the_verb_in_agreement(subject, expected):
    assert render("{{ 'want'|agree(s) }}", s=subject) == expected


def test_uncap_lowercases_only_the_first_letter():
    assert render("{{ s|clause|uncap }}", s="Parents I interviewed") == "parents the author interviewed"
    assert render("{{ s|uncap }}", s="Teachers at Lakeview High") == "teachers at Lakeview High"


@pytest.mark.parametrize("slot", [
    "France did the same in the 1980s", "Neighbouring Ashby did exactly that", "Leeds followed suit",
    "When Bristol tried it in 2015", "they lack the space", "that is radical", "the same review",
    "that last bit matters more than people think", "this made no difference", "these cut the queue by half",
    "this changed the way we shop", "employers look at it", "they got rid of it in the end",
    "I think they got rid of it in the end", "either choice", "both options",
    "the closure caused all of that", "How am I meant to compete with this",
    "visits there fell by a quarter in the first year", "75 per cent of them turned out",
    "a rule like this would push young people toward payday loans", "Dunmore adopted rules like these in 2022",
    "Even that would mean another 20,000 people a year in the valley", "such a warning is sensible", "the second",
])
def test_standalone_refuses_a_slot_that_leans_on_an_earlier_sentence(slot):
    with pytest.raises(Refused):
        render("{{ s|standalone }}", s=slot)


def test_standalone_refuses_a_predicate_cut_from_its_subject():
    with pytest.raises(Refused):
        render("{{ s|standalone }}", s="must find 5 per cent of the cost themselves")
    assert render("{{ s|standalone }}", s="Small firms must find 5 per cent") == "Small firms must find 5 per cent"


@pytest.mark.parametrize("slot", [
    "tells me her staff confiscated more than 300 vapes", "when the advice line surveyed 1,200 staff",
    "not only to those who can find £120 up front", "up 30 per cent in five years",
    "at £12 a ticket", "with a £40 fine for anyone who stays at home", "up from two in 2021",
    "as happened to Dunmere District, at a cost of £85,000 in legal fees", "Split across the park's 4,200 workers",
])
def test_standalone_refuses_a_piece_of_a_clause(slot):
    with pytest.raises(Refused):
        render("{{ s|standalone }}", s=slot)


@pytest.mark.parametrize("slot, sentence", [
    ("paid themselves a dividend of eight per cent in 1843",
     "The directors, meanwhile, paid themselves a dividend of eight per cent in 1843."),
    ("see more than half of all fatalities", "Rural A-roads, by contrast, see more than half of all fatalities."),
    ("brought in compulsory voting in 2009",
     "Carrow, which brought in compulsory voting in 2009, has kept turnout above 85 per cent."),
    ("In 61 of the 152 areas we looked at", "In 61 of the 152 areas we looked at, not one home was affordable."),
    ("as a poll last year found that 58 per cent agree", ""),
    ("Crews picked up 11,400 vapes from pavements",
     "Crews picked up 11,400 vapes from pavements, parks and gutters, and most were empty."),
    ("fifteen or twenty per cent", "The machine offered ten, fifteen or twenty per cent."),
    ("the Department estimates saves a school £40,000 a year",
     "Federation shares a business manager, which the Department estimates saves a school £40,000 a year."),
])
def test_standalone_refuses_a_piece_of_its_sentence(slot, sentence):
    with pytest.raises(Refused):
        render("{{ s|standalone }}", s=slot, sentence=sentence)


@pytest.mark.parametrize("slot, sentence", [
    ("Reported crime fell by 20 per cent", "Reported crime fell by 20 per cent."),
    ("Crews picked up 11,400 vapes from pavements", "Crews picked up 11,400 vapes from pavements, and most were empty."),
    ("Since the crossing moved, the junction is safer", "Since the crossing moved, the junction is safer."),
    ("these trained staff cut the queue by half", "Surveys show these trained staff cut the queue by half."),
    ("this year's fee made no difference", "A study found this year's fee made no difference."),
    ("Each of those crossings costs us roughly £1,900", "Each of those crossings costs us roughly £1,900 in fuel."),
    ("Last year there were 40 objections", "Last year there were 40 objections to the plan."),
])
def test_standalone_keeps_a_clause_of_its_own(slot, sentence):
    assert render("{{ s|standalone }}", s=slot, sentence=sentence) == slot


def test_clause_refuses_a_slot_cut_before_the_second_half_of_its_clause():
    with pytest.raises(Refused):
        render("{{ s|clause }}", s="attendance in these classes would rise and")
    with pytest.raises(Refused):
        render("{{ s|clause }}", s="its alert count fell from 27 to 8 a year without")


def test_standalone_keeps_a_longer_clause_that_names_what_it_refers_to():
    slot = "the school that sold its playing field now rents it back"
    assert render("{{ s|standalone }}", s=slot, sentence=slot + ".") == slot


def test_unsourced_refuses_a_price_whose_source_is_whoever_charges_it():
    with pytest.raises(Refused):
        render("{{ s|unsourced }}", s="£3.80", sentence="At £3.80 an hour, a week of visits came to £130.")
    gap = "the gap between the allowance and the rent is £186 a month"
    assert render("{{ s|unsourced }}", s=gap, sentence=gap + ".") == gap


def test_unsourced_refuses_the_authors_own_records():
    with pytest.raises(Refused):
        render("{{ s|unsourced }}", s="our takings fell by just under 8 per cent",
               sentence="Last year our takings fell by just under 8 per cent.")
    assert render("{{ s|unsourced }}", s="a third of what we eat depends on pollinators",
                  sentence="A third of what we eat depends on pollinators.") == "a third of what we eat depends on pollinators"


def test_unsourced_refuses_a_slot_whose_sentence_names_its_source():
    assert render("{{ s|unsourced }}", s="rents rose 40 per cent", sentence="Rents rose 40 per cent.") == "rents rose 40 per cent"
    with pytest.raises(Refused):
        render("{{ s|unsourced }}", s="rents rose 40 per cent", sentence="A survey found rents rose 40 per cent.")
    with pytest.raises(Refused):  # a witness named as the source
        render("{{ s|unsourced }}", s="more than half", sentence="The fire chief told me calls have dropped by more than half.")
    with pytest.raises(Refused):
        render("{{ s|unsourced }}", s="a third", sentence="Dr Marr told your clerks that missed appointments went up by a third.")
    with pytest.raises(Refused):  # a body's own books
        render("{{ s|unsourced }}", s="£41 million", sentence="Northway's own accounts show it paid £41 million to shareholders.")


@pytest.mark.parametrize("sentence", [
    "The levy raises £9.4 million a year against a tram bill of £310 million.",
    "Around 9,400 homes now have a stove, up from roughly 3,000 in 2013.",
    "It would cost £1.2 billion a year, less than half of what councils now spend on hotels.",
    "58 per cent of injuries happen on rural roads, even though they carry under a fifth of the traffic.",
])
def test_uncompared_refuses_a_figure_the_sentence_already_compares(sentence):
    with pytest.raises(Refused):
        render("{{ s|uncompared }}", s="the figure", sentence=sentence)


def test_uncompared_keeps_a_figure_given_alone():
    sentence = "Rents rose 40 per cent in two years, and against that background wages stood still."
    assert render("{{ s|uncompared }}", s="40 per cent", sentence=sentence) == "40 per cent"


@pytest.mark.parametrize("clause, expected", [
    ("As a result, drivers under-invest in repairs", "drivers under-invest in repairs"),
    ("The main argument for the change is that cars are more reliable", "cars are more reliable"),
    ("I have watched the poorest pupils drop out first", "the poorest pupils drop out first"),
    ("It is also worth noting that both countries test more thoroughly", "both countries test more thoroughly"),
    ("Meanwhile the university pays £180,000 a year", "the university pays £180,000 a year"),
    ("I appreciate that the school has to fit more in than ever", "the school has to fit more in than ever"),
    ("Now, there's a version of this argument that says tipping pays the rent", "there's a version of this argument that says tipping pays the rent"),
])
def test_unframe_drops_a_link_an_argument_label_or_the_author_watching(clause, expected):
    assert render("{{ s|unframe }}", s=clause) == expected


def test_standalone_keeps_a_slot_that_names_its_own_deed():
    for slot in ("France did that job in the 1980s", "Ireland taxed plastic bags in 2002",
                 "keeping the same teams together", "this House", "these figures rose"):
        assert render("{{ s|standalone }}", s=slot) == slot


def test_clause_lowercases_a_common_word_the_essay_only_capitalises_at_a_sentence_start():
    assert render("{{ s|clause }}", s="Darkness gives cover to burglars") == "darkness gives cover to burglars"
    assert render("{{ s|clause }}", s="Teenagers run on a different clock") == "teenagers run on a different clock"
    assert render("{{ s|clause }}", s="Low pay drives staff away") == "low pay drives staff away"
    assert render("{{ s|clause }}", s="Regulators should act") == "regulators should act"


def test_clause_keeps_a_common_word_the_essay_uses_as_a_name():
    assert render("{{ s|clause }}", essay="Our trade with China grows.", s="China builds a coal plant a week") == \
        "China builds a coal plant a week"
    assert render("{{ s|clause }}", s="Cricket Australia disagrees") == "Cricket Australia disagrees"
    assert render("{{ s|clause }}", s="Ukraine cannot win") == "Ukraine cannot win"



def test_clause_keeps_a_name_the_essay_also_writes_as_a_common_word():
    essay = "The post comes late. A letter from Post Office Ltd says so."
    assert render("{{ s|clause }}", frozenset({"post"}), essay=essay, s="Post Office Ltd has written to the parish") == \
        "Post Office Ltd has written to the parish"
    assert render("{{ s|clause }}", frozenset({"young"}), essay="Young Scots agree. Many young people do.",
                  s="Young Scots I met") == "young Scots the author met"
    # a title before a name, and a pair the essay writes capitalised in mid-sentence
    essay = "Our councillor agrees. Councillor Blake says no."
    assert render("{{ s|clause }}", frozenset({"councillor"}), essay=essay, s="Councillor Blake says no") == \
        "Councillor Blake says no"
    essay = "The county pays. We wrote to County Hall. County Hall says no."
    assert render("{{ s|clause }}", frozenset({"county"}), essay=essay, s="County Hall says no") == "County Hall says no"


def test_the_essay_shows_which_capitalised_words_are_names():
    from debateprep.read import read_text
    from debateprep.realize import essay_words

    essay = essay_words(read_text("China builds a coal plant a week. Our trade with China grows.\n", "essay.md"))
    assert "China" in essay.names and "Our" not in essay.names
    assert {"builds", "trade"} <= essay.lowercase


def test_agree_treats_a_gerund_phrase_as_singular():
    assert render("{{ 'protect'|agree(s) }}", s="vaccinating pets") == "protects"
    assert render("{{ 'protect'|agree(s) }}", s="vaccinated pets") == "protect"


@pytest.mark.parametrize("sentence, kept", [
    ("When phones stay in lockers during every lesson of the day, pupils focus better, and marks rise.",
     "When phones stay in lockers during every lesson of the day, pupils focus better"),
    ("Every time the council has tried something new on this street, the same voices have complained, and then gone quiet.",
     "Every time the council has tried something new on this street, the same voices have complained"),
])
def test_trim_keeps_an_opening_subordinate_clause_with_its_main_clause(sentence, kept):
    assert render("{{ s|trim }}", s=sentence) == kept


def test_trim_does_not_cut_the_sentence_before_the_clause_the_rule_matched():
    from debateprep.models import Claim, Match, Sentence
    from debateprep.realize import prompt_context
    from debateprep.rules import prompt_renderer

    sentence = "Other local governments across the region are watching closely, and many will be tempted to wait for more data."
    claim = Claim("C1", Sentence(0, len(sentence), sentence, 1, 1), "claim", 1.0)
    match = Match("prediction.will", "prediction", claim, {"subject": "many", "event": "be tempted to wait for more data"})
    quoted = prompt_renderer("Is “{{ sentence|trim }}” likely?")(prompt_context(match, EssayWords()))
    assert quoted == f"Is “{sentence[:-1]}” likely?"
    assert render("{{ s|trim }}", s=sentence) == "Other local governments across the region are watching closely"


def test_clause_drops_a_leading_link_word_but_keeps_a_subordinator():
    assert render("{{ s|clause }}", s="though, many older farmers will never apply") == "many older farmers will never apply"
    assert render("{{ s|clause }}", s="though many farmers apply, few succeed") == "though many farmers apply, few succeed"


def test_np_refuses_a_free_relative_or_a_relative_clause_cut_short():
    for phrase in ("whatever the board", "kids whose parents"):
        with pytest.raises(Refused):
            render("{{ s|np }}", s=phrase)
    assert render("{{ s|np }}", s="kids whose parents work nights") == "kids whose parents work nights"


def test_as_object_puts_a_subject_pronoun_in_its_object_form():
    assert render("What could make {{ s|clause|as_object }} go?", s="She") == "What could make her go?"
    assert render("What could make {{ s|clause|as_object }} go?", s="the council") == "What could make the council go?"


def test_author_keeps_a_reflexive_reflexive():
    assert render("{{ s|author }}", s="I will be paying the charge myself") == \
        "the author will be paying the charge themselves"


def test_np_accepts_a_relative_clause_with_its_own_verb():
    assert render("{{ s|np }}", s="every phone that is binned early") == "every phone that is binned early"
    with pytest.raises(Refused):
        render("{{ s|np }}", s="every phone will be binned")


def test_author_leaves_an_irregular_past_tense_as_it_is():
    assert render("{{ s|author }}", s="I got less done in the office") == "the author got less done in the office"
    assert render("{{ s|author }}", s="I found it hard") == "the author found it hard"


@pytest.mark.parametrize("slot", ["practices roll out reminder systems like ours", "the people who need us most"])
def test_clause_refuses_a_slot_that_speaks_for_the_authors_side(slot):
    with pytest.raises(Refused):
        render("{{ s|clause }}", s=slot)


def test_clause_keeps_a_we_or_our_the_reader_shares_and_shifts_i_to_the_author():
    assert render("{{ s|clause }}", s="our grandchildren deserve a cleaner coast") == "our grandchildren deserve a cleaner coast"
    assert render("{{ s|clause }}", s="I raised wages in my shop") == "the author raised wages in their shop"


def test_amount_refuses_a_change_that_reads_as_no_figure():
    with pytest.raises(Refused):
        render("the figure of {{ s|amount }}", s="from 140 to 230")
    assert render("the figure of {{ s|amount }}", s="11,400 of") == "the figure of 11,400"


@pytest.mark.parametrize("figure, sentence, kept", [
    ("1,200 café", "The line surveyed 1,200 café and bar staff last autumn.", False),
    ("one in five motorway", "Tiredness plays a part in one in five motorway deaths.", False),
    ("1,400 first", "The team followed 1,400 first-years over two years.", False),
    ("two of the three local", "Then two of the three local firms shut.", False),
    ("600 private", "More than 600 private landlords signed up.", False),
    ("three local people", "Only three local people came.", True),
    ("300 disposables", "Her staff confiscated 300 disposables last term.", True),
    ("4,300 acres", "It burned 4,300 acres and took eleven homes.", True),
    ("about ten per cent", "It raised prices by about ten per cent and scrapped the charge.", True),
])
def test_amount_refuses_a_figure_cut_from_the_rest_of_its_noun(figure, sentence, kept):
    if kept:
        assert render("{{ s|amount }}", s=figure, sentence=sentence) == figure
    else:
        with pytest.raises(Refused):
            render("{{ s|amount }}", s=figure, sentence=sentence)


def test_clause_lowercases_a_contracted_function_word():
    assert render("{{ s|clause }}", s="There's no bus after six") == "there's no bus after six"
    assert render("{{ s|clause }}", s="Mary's plan works") == "Mary's plan works"


def test_trim_keeps_what_a_reporting_participle_says():
    sentence = ("The police union has come out against the plan, warning that unarmed workers will walk "
                "into danger, and the chief constable agrees.")
    assert render("{{ s|trim }}", s=sentence, sentence=sentence).startswith(
        "The police union has come out against the plan, warning that unarmed workers")


def test_unless_refuses_a_slot_the_templates_own_regex_finds():
    template = "Was “{{ s|unless('^more ')|trim }}” the comparison to make?"
    assert render(template, s="higher than the fines") == "Was “higher than the fines” the comparison to make?"
    with pytest.raises(Refused):
        render(template, s="More hydrocarbons than a car")


@pytest.mark.parametrize("sentence, slot, quoted", [
    ("Please come and vote, because the motion will pass if only the regulars turn up.", "because the motion",
     "the motion will pass if only the regulars turn up."),
    # the forecast leans on the clause before it, or the clause before forecasts too: the whole sentence
    ("This is a false choice, because the grid will need both.", "because the grid",
     "This is a false choice, because the grid will need both."),
    ("The bank will close, because the shops will follow.", "because the shops",
     "The bank will close, because the shops will follow."),
    ("Approve this, and the next application will be for longer hours.", "the next application",
     "Approve this, and the next application will be for longer hours."),
])
def test_from_clause_quotes_a_forecast_given_as_a_reason_on_its_own(sentence, slot, quoted):
    assert render("{{ s|from_clause(slot) }}", s=sentence, slot=slot) == quoted
