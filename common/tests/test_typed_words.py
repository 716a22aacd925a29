"""A word still being typed (common.analysis.as_typed): what an indexed term may start with, and the
whole terms it may already have gone past."""

from common.analysis import as_typed, stem


def test_a_short_start_is_its_own_term_and_nothing_more():
    assert as_typed("pen") == (("pen",), ())


def test_a_plural_starts_its_term_and_itself():
    assert as_typed("pensions") == (("pension", "pensions"), ())


def test_the_word_itself_is_a_start_when_its_term_is_not_its_beginning():
    # "easy" is `easi`, which "easygo" (`easygo`) does not start with; "men" is `man`, not `mental`.
    assert as_typed("easy")[0] == ("easi", "easy")
    assert as_typed("men")[0] == ("man", "men")


def test_a_word_typed_past_the_term_of_its_whole_word_has_that_term():
    assert stem("administration") == "administr"
    assert as_typed("administrat") == (("administrat",), ("administr",))
    assert stem("assessment") == "assess"
    assert as_typed("assessm") == (("assessm",), ("assess",))
    assert stem("acompanamiento") == "acompan"
    assert "acompan" in as_typed("acompanami")[1]


def test_a_whole_word_is_not_taken_for_the_shorter_words_it_starts_with():
    # "workplace" is not "work": only the terms of the words it may be the start of count.
    assert as_typed("workplace") == (("workplac", "workplace"), ())
