"""The quiz quality check: each rule fires with the file and line to fix, and stays quiet on a good bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxportal.project import load_project
from cxportal.validator import CheckSettings

from .helpers import write

QUALITY = CheckSettings(quiz_quality="warn", sources="off")
BANK = "playbooks/quizzes/bank.yml"

# A bank that follows every rule: correct options are neither the longest nor the shortest, true/false
# answers are balanced and no false statement hangs on an absolute, all options of a question share one form,
# multiple choice has as many wrong options as right ones, each code is tested once (or by variants),
# hints point to where to look, and every question cites a code.
GOOD = """\
id: bank
title: Good bank
playbook: alpha
pass_mark: 60
questions:
  - id: s1
    type: single
    prompt: A customer repeats the question. What do you do first?
    cites: AL-1
    hint: Think about the first step.
    options:
      - {text: Listen to the whole question, correct: true, feedback: Yes.}
      - {text: Offer a refund at once, feedback: Not first.}
      - {text: Transfer the call to a colleague, feedback: Not first.}
  - id: s2
    type: single
    prompt: What comes after listening?
    cites: AL-2
    options:
      - {text: Acting on it, correct: true, feedback: Yes.}
      - {text: Closing the ticket without a reply, feedback: No.}
      - {text: Filing it, feedback: No.}
  - id: s3
    type: single
    prompt: Which step does the beta playbook describe?
    cites: BE-1
    options:
      - {text: The only one, correct: true, feedback: Yes.}
      - {text: The first of several steps, feedback: No.}
      - {text: None, feedback: No.}
  - id: s1-again
    type: single
    variant_of: s1
    prompt: The customer sounds upset. What comes first?
    cites: AL-1
    options:
      - {text: Listening to everything first, correct: true, feedback: Yes.}
      - {text: Quoting the policy, feedback: No.}
      - {text: Waiting, feedback: No.}
  - id: t1
    type: true_false
    prompt: Listening comes first.
    cites: alpha#objectives
    answer: true
  - id: t2
    type: true_false
    prompt: Acting comes first.
    variant_of: t1
    cites: alpha#objectives
    answer: false
  - id: m1
    type: multiple
    prompt: Which are steps in the alpha playbook?
    variant_of: t1
    cites: alpha#objectives
    options:
      - {text: Listen, correct: true, feedback: A step.}
      - {text: Act, correct: true, feedback: A step.}
      - {text: Guess, feedback: Not a step.}
      - {text: Wait, feedback: Not a step.}
  - id: f1
    type: fill_blank
    prompt: The beta playbook has ___ step.
    variant_of: s3
    hint: Count the coded headings.
    cites: BE-1
    blanks:
      - accept: ["one", "1"]
"""


def quality_problems(project: Path, bank: str) -> list:
    write(project, BANK, bank)
    _portal, problems = load_project(project, settings=QUALITY)
    return [p for p in problems if p.path == BANK]


def line_of(text: str, needle: str, after: str = "") -> int:
    lines = text.splitlines()
    start = next(i for i, row in enumerate(lines) if after in row) if after else 0
    return next(i + 1 for i in range(start, len(lines)) if needle in lines[i])


def test_a_good_bank_passes(fixture_project: Path):
    assert quality_problems(fixture_project, GOOD) == []


def test_a_good_bank_never_asks_two_variants_together(fixture_project: Path):
    write(fixture_project, BANK, GOOD)
    quiz = load_project(fixture_project, settings=QUALITY)[0].quizzes["bank"]
    assert quiz.variant_sets == (("s1", "s1-again"), ("s2",), ("s3", "f1"), ("t1", "t2", "m1"))
    assert quiz.asked == 4


def test_correct_option_longest_in_most_single_choice_questions(fixture_project: Path):
    bank = GOOD.replace(
        "{text: Listen to the whole question, correct: true",
        "{text: Listen carefully to the whole question, correct: true",
    )
    bank = bank.replace(
        "{text: Acting on it, correct: true", "{text: Acting on everything that you heard from them, correct: true"
    )
    problems = quality_problems(fixture_project, bank)
    assert [(p.path, p.line, p.severity) for p in problems] == [(BANK, 1, "warning")]
    assert "in 3 of 4 single-choice questions the correct option is the longest" in problems[0].message
    assert "s1, s2, s1-again" in problems[0].message


def test_true_false_answers_mostly_one_way(fixture_project: Path):
    bank = (
        GOOD.replace("    answer: true\n", "    answer: false\n")
        + """\
  - id: t3
    type: true_false
    prompt: Acting comes before listening.
    cites: AL-2
    variant_of: s2
    answer: false
"""
    )
    problems = quality_problems(fixture_project, bank)
    assert [str(p) for p in problems] == [
        f"{BANK}:1: warning: 3 of 3 true/false answers are 'false' (more than 70%): "
        "a learner who always answers 'false' passes them"
    ]


def test_multiple_choice_where_all_but_one_option_is_correct(fixture_project: Path):
    bank = GOOD.replace("{text: Guess, feedback: Not a step.}", "{text: Review, correct: true, feedback: A step.}")
    problems = quality_problems(fixture_project, bank)
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(line_of(bank, "- id: m1"), "question 'm1'")]
    assert "every option but one is correct" in problems[0].message


def test_two_questions_on_one_code_that_can_be_drawn_together(fixture_project: Path):
    bank = GOOD.replace("    variant_of: s1\n", "")
    problems = quality_problems(fixture_project, bank)
    line = line_of(bank, "cites: AL-1", after="- id: s1-again")
    assert [str(p) for p in problems] == [
        f"{BANK}:{line}: warning: question 's1-again' tests AL-1 like question 's1' (line 6), and one attempt "
        "can ask both: make it a variant ('variant_of: s1') or test another code"
    ]


def test_a_draw_smaller_than_the_bank_does_not_excuse_same_code_questions(fixture_project: Path):
    bank = GOOD.replace("    variant_of: s1\n", "").replace("pass_mark: 60\n", "pass_mark: 60\ndraw: 3\n")
    assert any("tests AL-1 like question 's1'" in p.message for p in quality_problems(fixture_project, bank))


def test_a_hint_that_contains_the_answer(fixture_project: Path):
    bank = GOOD.replace("hint: Think about the first step.", "hint: The answer is to listen to the whole question.")
    bank = bank.replace("hint: Count the coded headings.", "hint: It is just one.")
    problems = quality_problems(fixture_project, bank)
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (line_of(bank, "hint: The answer"), "question 's1'"),
        (line_of(bank, "hint: It is just one"), "question 'f1'"),
    ]
    assert all("the hint contains the answer" in p.message for p in problems)


def test_a_hint_with_the_answer_as_a_number_word(fixture_project: Path):
    bank = GOOD.replace("hint: Count the coded headings.", "hint: Fewer than two, so 1.")
    problems = quality_problems(fixture_project, bank)
    assert [p.line for p in problems] == [line_of(bank, "hint: Fewer than two")]


@pytest.mark.parametrize(
    "hint, gives",
    [
        ("It takes three hours.", True),
        ("It takes 3 h.", True),
        ("It takes 3 hrs.", True),
        ("It is an hour longer than the veterans' course.", False),
        ("It takes 3 minutes.", False),
    ],
)
def test_a_hint_with_the_answer_in_another_form(fixture_project: Path, hint: str, gives: bool):
    bank = GOOD.replace('accept: ["one", "1"]', 'accept: ["3 hours"]').replace(
        "hint: Count the coded headings.", f"hint: {hint}"
    )
    assert bool(quality_problems(fixture_project, bank)) is gives


def test_citing_an_anchor_whose_section_holds_a_code(fixture_project: Path):
    # alpha.md: "## Check yourself {#quiz}" holds no code; a section around AL-1 does.
    alpha = fixture_project / "playbooks" / "alpha.md"
    alpha.write_text(
        alpha.read_text().replace("## [AL-1] First step", "## Both steps {#steps}\n\n### [AL-1] First step")
    )
    bank = GOOD.replace("cites: AL-1\n    hint: Think", "cites: alpha#steps\n    hint: Think")
    problems = quality_problems(fixture_project, bank)
    line = line_of(bank, "cites: alpha#steps")
    assert [(p.line, p.message) for p in problems] == [
        (
            line,
            "question 's1' cites the section '#steps', which holds the code(s) AL-1: cite the code the question tests",
        )
    ]


def test_citing_an_anchor_inside_an_item_names_that_item(fixture_project: Path):
    alpha = fixture_project / "playbooks" / "alpha.md"
    alpha.write_text(
        alpha.read_text().replace("The second step is to act", "### Example {#example}\n\nThe second step is to act")
    )
    bank = GOOD.replace("cites: AL-2\n    options", "cites: alpha#example\n    options")
    problems = quality_problems(fixture_project, bank)
    assert [p.message.split(", which")[1] for p in problems] == [
        " holds the code(s) AL-2: cite the code the question tests"
    ]


@pytest.mark.parametrize("level, severity", [("error", "error"), ("warn", "warning"), ("note", "note"), ("off", None)])
def test_the_quality_level_decides_how_much_problems_weigh(fixture_project: Path, level: str, severity: str | None):
    write(fixture_project, BANK, GOOD.replace("    variant_of: s1\n", ""))
    problems = load_project(fixture_project, settings=CheckSettings(quiz_quality=level, sources="off"))[1]
    assert [p.severity for p in problems if p.path == BANK] == ([severity] if severity else [])


def test_unknown_variant_is_reported_with_a_near_miss(fixture_project: Path):
    bank = GOOD.replace("variant_of: s1\n", "variant_of: s-1\n")
    write(fixture_project, BANK, bank)
    problems = load_project(fixture_project, settings=QUALITY)[1]
    assert (
        f"{BANK}:{line_of(bank, 'variant_of: s-1')}: question 's1-again' is a variant of an unknown question 's-1' "
        "(did you mean 's1'?)" in [str(p) for p in problems]
    )


def test_a_draw_larger_than_the_variant_sets_is_an_error(fixture_project: Path):
    bank = GOOD.replace("pass_mark: 60\n", "pass_mark: 60\ndraw: 6\n")
    write(fixture_project, BANK, bank)
    problems = load_project(fixture_project, settings=QUALITY)[1]
    assert any(p.severity == "error" and "only 4 sets of variants" in p.message for p in problems)


def test_correct_option_shortest_in_most_single_choice_questions(fixture_project: Path):
    # The reverse length cue: authors who trim the right answer and pad the wrong ones.
    bank = GOOD.replace("{text: Listen to the whole question, correct: true", "{text: Listen, correct: true")
    bank = bank.replace("{text: Filing it, feedback", "{text: Filing it for the quarterly report, feedback")
    problems = quality_problems(fixture_project, bank)
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]
    assert "in 2 of 4 single-choice questions the correct option is the shortest" in problems[0].message
    assert "s1, s2" in problems[0].message


def test_one_short_correct_option_is_no_cue(fixture_project: Path):
    bank = GOOD.replace("{text: Listen to the whole question, correct: true", "{text: Listen, correct: true")
    assert quality_problems(fixture_project, bank) == []


@pytest.mark.parametrize(
    "false_statement, word",
    [("Acting always comes first.", "always"), ("Only acting counts.", "only"), ("No one acts first.", "no one")],
)
def test_false_statements_given_away_by_an_absolute(fixture_project: Path, false_statement: str, word: str):
    bank = GOOD.replace("prompt: Acting comes first.", f"prompt: {false_statement}")
    problems = quality_problems(fixture_project, bank)
    assert [str(p) for p in problems] == [
        f"{BANK}:{line_of(bank, false_statement)}: warning: question 't2': the false statement says '{word}' and no "
        "true statement in the bank is as absolute, so the word gives it away; write a false statement that a "
        "reader who skipped the playbook would believe"
    ]


def test_absolutes_on_both_sides_are_no_cue(fixture_project: Path):
    bank = GOOD.replace("prompt: Acting comes first.", "prompt: Acting always comes first.")
    bank = bank.replace("prompt: Listening comes first.", "prompt: Listening always comes first.")
    assert quality_problems(fixture_project, bank) == []


def test_an_absolute_inside_another_word_is_no_absolute(fixture_project: Path):
    # "all" in "call", "only" in "lonely": whole words only.
    bank = GOOD.replace("prompt: Acting comes first.", "prompt: Acting on a lonely call comes first.")
    assert quality_problems(fixture_project, bank) == []


@pytest.mark.parametrize(
    "key, wrong_1, wrong_2, form",
    [
        (
            "Listening to them first",
            "To offer a refund at once",
            "To transfer the call now",
            "starts with an infinitive",
        ),
        ("Listen to them first.", "Offer a refund at once", "Transfer the call on", "ends without a full stop"),
    ],
)
def test_correct_option_in_another_grammatical_form(fixture_project: Path, key, wrong_1, wrong_2, form):
    bank = (
        GOOD.replace("Listen to the whole question, correct", f"{key}, correct")
        .replace("Offer a refund at once, feedback", f"{wrong_1}, feedback")
        .replace("Transfer the call to a colleague, feedback", f"{wrong_2}, feedback")
    )
    problems = quality_problems(fixture_project, bank)
    assert [p.line for p in problems] == [line_of(bank, "options:", after="- id: s1")]
    assert f"every wrong option {form}, so its form gives it away" in problems[0].message


def translation_problems(project: Path, bank: str, translation: str) -> list:
    write(project, BANK, bank)
    write(project, "playbooks/quizzes/bank.ru.yml", translation)
    _portal, problems = load_project(project, settings=QUALITY)
    return [p for p in problems if p.path.startswith("playbooks/quizzes/bank.")]


# The good bank in Russian: same ids, answers and codes, Russian words.
GOOD_RU = (
    GOOD.replace("Listen to the whole question", "Выслушать вопрос клиента целиком")
    .replace("Offer a refund at once", "Предложить клиенту возврат денег сразу")
    .replace("Transfer the call to a colleague", "Перевести звонок другому свободному коллеге")
    .replace("prompt: Listening comes first.", "prompt: Сначала нужно выслушать.")
    .replace("prompt: Acting comes first.", "prompt: Сначала нужно действовать.")
)


def test_a_good_translation_passes(fixture_project: Path):
    assert translation_problems(fixture_project, GOOD, GOOD_RU) == []


def test_a_translation_is_checked_at_its_own_lines(fixture_project: Path):
    # The English bank is clean; the Russian one gives its false statement away and its key by its form.
    translation = GOOD_RU.replace("Сначала нужно действовать.", "Действовать нужно всегда сначала.").replace(
        "Выслушать вопрос клиента целиком", "Выслушивание вопроса клиента целиком"
    )
    problems = translation_problems(fixture_project, GOOD, translation)
    ru = "playbooks/quizzes/bank.ru.yml"
    assert [(p.path, p.line, p.message.split(":")[0]) for p in problems] == [
        (ru, line_of(translation, "options:", after="- id: s1"), "question 's1'"),
        (ru, line_of(translation, "Действовать нужно всегда"), "question 't2'"),
    ]
    assert "says 'всегда'" in problems[1].message


def test_names_as_options_have_no_form_to_match(fixture_project: Path):
    # "Compelling brand values" among other competency names: an -ing word in a name is no cue.
    bank = (
        GOOD.replace("Listen to the whole question, correct", "Purposeful leadership, correct")
        .replace("Offer a refund at once, feedback", "Compelling brand values, feedback")
        .replace("Transfer the call to a colleague, feedback", "Employee engagement, feedback")
    )
    assert quality_problems(fixture_project, bank) == []


def test_correct_option_never_the_longest_nor_the_shortest(fixture_project: Path):
    # Lengths evened out around the key: ruling out the longest and the shortest option finds it.
    bank = GOOD.replace("{text: Listening to everything first, correct", "{text: Listening, correct")
    problems = quality_problems(fixture_project, bank)
    assert [str(p) for p in problems] == [
        f"{BANK}:1: warning: in 4 single-choice questions the correct option is the longest or the shortest only "
        "0 times, where chance would make it about 3: a reader who rules out the longest and the shortest option "
        "guesses well. Let the right option be the longest or the shortest now and then"
    ]


def test_options_of_equal_length_are_no_extreme_to_avoid(fixture_project: Path):
    # Names of equal length ("Inform", "Incent") have no longest or shortest, so chance expects no key there.
    bank = GOOD.replace("{text: Listening to everything first, correct", "{text: Listening, correct")
    for old, new in (
        ("Listen to the whole question, correct", "Alpha, correct"),
        ("Offer a refund at once, feedback", "Gamma, feedback"),
        ("Transfer the call to a colleague, feedback", "Delta, feedback"),
        ("Acting on it, correct", "Omega, correct"),
        ("Closing the ticket without a reply, feedback", "Sigma, feedback"),
        ("Filing it, feedback", "Kappa, feedback"),
    ):
        bank = bank.replace(old, new)
    assert quality_problems(fixture_project, bank) == []
